package lab.kb905214.stress.spin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.engine.thread.ThreadRole;
import lab.kb905214.stress.race.RaceOperation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models and the code cannot drift apart: every upper-case label of a coordinator model is a {@link Step}, its
 * printed id is that Step's id, and every Step is a label of each model, printed by the threads' model (the teardown's
 * entry, which the watcher prints where it calls it), or declared there, with its reason, as "not modelled: STEP" (so
 * a new Step fails this test until the model takes a position on it). Each coordinator call
 * of a model passes the steps of the race catalogue's {@link RaceOperation} for it, in that call's program order, and
 * is made by the model's process for the catalogue's thread.
 */
@Tag("shares-jvm") // starts no engine and leaves no thread behind: it may share a JVM
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

    /** The engine's threads, which both models include. */
    private static final String THREADS_MODEL = "engine-threads.pml";

    // Steps the threads' model prints (not a label: see TEARDOWN_BEGIN there), as Step names; each id must be a Step's.
    private static Set<String> printedByTheThreads() throws Exception {
        Set<String> printed = new HashSet<>();
        Matcher id = PRINTED_ID.matcher(text(THREADS_MODEL));
        while (id.find()) {
            String stepId = id.group(1);
            if (!stepId.startsWith("client.")) { // the client's events are no Step
                printed.add(Arrays.stream(Step.values())
                        .filter(s -> s.id().equals(stepId))
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError(THREADS_MODEL + " prints step " + stepId + ", no Step's id"))
                        .name());
            }
        }
        return printed;
    }

    /** Each coordinator call of the models ({@code inline}), the catalogue's call, and the process that makes it. */
    private static final Map<String, RaceOperation> CALLS = Map.of(
            "complete",
            RaceOperation.COMPLETE,
            "teardown",
            RaceOperation.TEARDOWN,
            "awaitVerdict",
            RaceOperation.AWAIT);

    private static final Map<ThreadRole, String> PROCESSES =
            Map.of(ThreadRole.COMPLETION, "Completion", ThreadRole.WATCHER, "Watcher", ThreadRole.SESSION, "Session");

    private static final Pattern BLOCK =
            Pattern.compile("^(?:inline|proctype) (\\w+)\\([^)]*\\) \\{$(.*?)^}$", Pattern.MULTILINE | Pattern.DOTALL);

    // The body of each inline and proctype of model, by name.
    private static Map<String, String> blocks(String model) throws Exception {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text(model));
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    @ParameterizedTest
    @ValueSource(strings = {SpinPlan.BUGGY_MODEL, SpinPlan.FIXED_MODEL})
    void eachCallPassesTheCataloguesStepsInProgramOrderOnTheCataloguesThread(String model) throws Exception {
        Map<String, String> blocks = blocks(model);
        Map<String, String> threads = blocks(THREADS_MODEL);
        CALLS.forEach((inline, call) -> {
            assertThat(blocks).as("%s defines %s", model, inline).containsKey(inline);
            List<Step> passed = new ArrayList<>();
            Matcher label = LABEL.matcher(blocks.get(inline));
            while (label.find()) {
                Step step = Step.valueOf(label.group(1));
                if (!passed.contains(step)) {
                    passed.add(step); // a step labelled on two branches is one step
                }
            }
            assertThat(passed).as("steps of %s in %s", inline, model).isEqualTo(call.steps());
            String process = PROCESSES.get(call.thread());
            assertThat(threads.get(process))
                    .as("%s, the %s, calls %s", process, call.thread(), inline)
                    .containsPattern("\\b" + inline + "\\(");
        });
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
        covered.addAll(printedByTheThreads());
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
