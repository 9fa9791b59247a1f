package lab.kb905214.stress.spin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.kb905214.engine.failpoint.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models and the code cannot drift apart: every upper-case label of a coordinator model is a {@link Step}, its
 * printed id is that Step's id, and every Step is a label of each model or declared there, with its reason, as
 * "not modelled: STEP" (so a new Step fails this test until the model takes a position on it).
 */
class SpinStepLabelsTest {
    /** A label: an upper-case name at the start of a line, followed by a colon and the step's printf. */
    private static final Pattern LABEL = Pattern.compile("^([A-Z][A-Z0-9_]*):\\s*(.*)$", Pattern.MULTILINE);

    private static final Pattern PRINTED_ID = Pattern.compile("printf\\(\"step (\\S+) ");
    private static final Pattern NOT_MODELLED = Pattern.compile("not modelled: ([A-Z][A-Z0-9_]*)");

    private static String text(String model) throws Exception {
        return Files.readString(Path.of(System.getProperty("lab.spin.models", "src/main/promela"))
                .resolve(model));
    }

    private static Map<String, String> labels(String model) throws Exception {
        String text = text(model);
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            Matcher id = PRINTED_ID.matcher(m.group(2));
            labels.put(m.group(1), id.find() ? id.group(1) : "(no step printf)");
        }
        return labels;
    }

    @ParameterizedTest
    @ValueSource(strings = {SpinPlan.BUGGY_MODEL, SpinPlan.FIXED_MODEL})
    void everyLabelIsAStepWithItsIdAndEveryStepIsALabel(String model) throws Exception {
        Map<String, String> labels = labels(model);
        Set<String> steps = Arrays.stream(Step.values()).map(Step::name).collect(Collectors.toSet());
        Set<String> notModelled = new TreeSet<>();
        Matcher declared = NOT_MODELLED.matcher(text(model));
        while (declared.find()) {
            notModelled.add(declared.group(1));
        }

        assertThat(labels.keySet())
                .as("labels of %s that are not a Step", model)
                .isSubsetOf(steps);
        assertThat(notModelled)
                .as("'not modelled' declarations of %s that are not a Step", model)
                .isSubsetOf(steps);
        assertThat(notModelled)
                .as("Steps %s both labels and declares not modelled", model)
                .doesNotContainAnyElementsOf(labels.keySet());
        Set<String> covered = new HashSet<>(labels.keySet());
        covered.addAll(notModelled);
        assertThat(covered)
                .as("Steps that %s neither labels nor declares not modelled", model)
                .containsAll(steps);
        for (Map.Entry<String, String> label : labels.entrySet()) {
            assertThat(label.getValue())
                    .as("id printed at %s in %s", label.getKey(), model)
                    .isEqualTo(Step.valueOf(label.getKey()).id());
        }
    }
}
