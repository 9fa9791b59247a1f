package lab.kb905214.stress.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;
import lab.kb905214.stress.jcstress.JcstressFindings;
import lab.kb905214.stress.jcstress.JcstressRunner;
import lab.kb905214.stress.jcstress.JcstressSuite;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Test;

/**
 * JCStress against every selected mutant: engine-fixed's variants of the race tests that {@link
 * JcstressSuite#MUTANT_RUN} names, one JCStress run per mutant in a child process, its forks under the watchdog, the
 * whole run under a deadline. A mutant is killed
 * when a test shows a forbidden outcome (an exception, a lost or double outcome, STALE) or a fork that never returned
 * (deadlocked or hung). Records what it saw of each mutant; asserts only that the control survived.
 *
 * <p>Runs only when asked ({@code -Dlab.mutants.jcstress=true}): it costs about half a minute per mutant, more for
 * one that hangs. The JCStress host gets the mutant compiled under the shipped class's name
 * (target/mutants/&lt;M&gt;-in-place/, see {@link MutantBuild#inPlace}) ahead of this JVM's class path, and JCStress
 * 0.16 starts every fork with its host's class path: in each fork the mutant is engine-fixed's coordinator, and
 * nothing loads it by name.
 */
class MutantJcstressTest {
    static final boolean ENABLED = Boolean.getBoolean("lab.mutants.jcstress");
    /** About how long JCStress samples each mutant when nothing hangs (probing and VM starts included). */
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("lab.mutants.jcstressSeconds", 30));
    // The forks report only their outcomes: a lost verdict shows there as a forbidden outcome, not as a count.
    private static final Map<String, String> NOT_OBSERVED = Map.of(
            ResultFields.FAILPOINTS_ARMED.name(),
                    "the JCStress forks report only their outcomes; their tests never" + " arm failpoints",
            ResultFields.LOST_VERDICTS.name(),
                    "the JCStress forks report only their outcomes; a lost verdict is a" + " forbidden outcome there");

    @Test
    void jcstressAgainstEveryMutant() throws Exception {
        assumeTrue(ENABLED, "JCStress on the mutants runs only with -Dlab.mutants.jcstress=true");
        Provenance provenance = Provenance.now();
        Path work = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("target")
                .resolve("jcstress-mutants");
        for (Mutant mutant : Mutant.selected()) {
            // The forks get the host's class path: the mutant's classes go first, in place of the shipped ones.
            Optional<MutantBuild> inPlace = mutant.isControl()
                    ? Optional.empty()
                    : Optional.of(MutantBuild.inPlace(mutant.name(), mutant.patch()));
            String coordinator = inPlace.map(b -> b.className() + " compiled from " + mutant + "'s patch, ahead of"
                            + " engine-fixed's on the class path (" + b.classes() + ")")
                    .orElse("FixedCoordinator");
            String classpath =
                    inPlace.map(b -> b.classes() + File.pathSeparator).orElse("")
                            + System.getProperty("java.class.path");
            JcstressRunner.Selection selection = new JcstressRunner.Selection(
                    classpath,
                    JcstressSuite.regex(JcstressSuite.MUTANT_RUN),
                    JcstressSuite.names(JcstressSuite.MUTANT_RUN),
                    "-Xmx256m",
                    BUDGET,
                    work.resolve(mutant.name()),
                    true);
            JcstressFindings findings = JcstressRunner.runSelection(selection);
            MutantRun seen = runOf(mutant, coordinator, findings);
            seen.write(provenance);
            System.out.printf(
                    "jcstress %s (%s): %d samples in %.1f s, %s%n",
                    mutant, mutant.title(), seen.explored(), seen.seconds(), seen.verdict());
            seen.requireControlSurvived();
            if (mutant.isControl()) {
                assertThat(findings.notRun())
                        .as("every test must run on the control\n%s", seen.evidence())
                        .isEmpty();
            }
        }
    }

    /**
     * What the run showed: killed by the first test, in the order JCStress reported them, that showed a problem. The
     * time to the kill is when that fork's result was printed, counted from the run's start (JCStress's start-up and
     * probing included): JCStress reports a fork's outcomes only when the fork ends, and a run stops there.
     */
    private static MutantRun runOf(Mutant mutant, String coordinator, JcstressFindings findings) {
        String perTest = findings.tests().stream()
                .map(t -> JcstressSuite.shortName(t.test()) + ": "
                        + t.samples() + " samples, " + t.outcomes()
                        + (t.problems().isEmpty() ? "" : " PROBLEMS " + t.problems()))
                .collect(Collectors.joining("\n"));
        String evidence = "coordinator " + coordinator + "; budget " + BUDGET.toSeconds() + " s\n" + perTest + "\n"
                + findings.evidence();
        // A fork that hung before its first sample returned none, yet it ran and it is the kill: count the tests.
        boolean noSample = findings.samples() == 0 && findings.firstProblem().isPresent();
        long explored = noSample
                ? findings.tests().stream()
                        .filter(t -> t.samples() > 0 || !t.problems().isEmpty())
                        .count()
                : findings.samples();
        String unit = noSample ? "tests run (a fork hung before any sample)" : "samples";
        return new MutantRun(
                Harness.JCSTRESS,
                mutant,
                findings.firstProblem().orElse(null),
                findings.firstProblemHung(),
                findings.firstProblemSeconds().orElse(null),
                explored,
                unit,
                findings.runSeconds(),
                evidence,
                null,
                List.of(),
                null,
                NOT_OBSERVED);
    }
}
