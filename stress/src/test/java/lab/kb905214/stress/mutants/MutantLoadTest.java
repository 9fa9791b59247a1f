package lab.kb905214.stress.mutants;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.stress.load.LoadDriver;
import lab.kb905214.stress.load.LoadPlan;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.results.Provenance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A short load run (real clients, some leaving mid-check; failpoints off) against every selected mutant, judged
 * by what engine-fixed guarantees under the same traffic. Records what it saw of each mutant; asserts only the control.
 */
class MutantLoadTest {
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("lab.mutants.loadSeconds", 10));

    @Test
    void loadAgainstEveryMutant() throws Exception {
        List<Mutant> mutants = loadSelection(System.getProperty("lab.mutants.load", "false"));
        Assumptions.assumeFalse(mutants.isEmpty(), "lab.mutants.load is false");
        Provenance provenance = Provenance.now();
        for (Mutant mutant : mutants) {
            long started = System.nanoTime();
            LoadRun run =
                    LoadDriver.run(new MutantEngine(mutant), LoadPlan.defaults().withMaxDuration(BUDGET), p -> {});
            double seconds = (System.nanoTime() - started) / 1e9;
            Optional<String> wrong = wrong(run);
            String evidence = run.evidence();
            // A proven hang ends the run, so its time to kill is when the hang began (else the run's length).
            Double toKill =
                    wrong.isEmpty() ? null : run.proof().map(p -> p.since()).orElse(seconds);
            // A transaction counts once its client sent the final dot, answered or not: a mutant that hangs at once
            // answers none, yet its unanswered and abandoned transactions are what the run judged it by.
            long reachedTheCheck = run.transactionsAnswered() + run.unanswered() + run.aborted();
            MutantRun seen = new MutantRun(
                    Harness.LOAD,
                    mutant,
                    wrong.orElse(null),
                    wrong.isPresent() && run.hung(),
                    toKill,
                    reachedTheCheck,
                    "transactions",
                    seconds,
                    evidence,
                    run.failpointsArmed(),
                    run.failpointsHit(),
                    run.lostVerdicts());
            seen.write(
                    provenance,
                    new Fields()
                            .note("answered", run.transactionsAnswered())
                            .note("unanswered", run.unanswered())
                            .note("aborted", run.aborted()));
            System.out.printf(
                    "load %s (%s): %d transactions answered, %d unanswered, %d abandoned, %s%n",
                    mutant,
                    mutant.title(),
                    run.transactionsAnswered(),
                    run.unanswered(),
                    run.aborted(),
                    seen.verdict());
            seen.requireControlSurvived();
        }
    }

    /**
     * The mutants to load, from {@code lab.mutants.load}: "false" none, "true" those of {@code lab.mutants}, or a list.
     * Real traffic costs seconds per mutant (a stuck-session proof 25 s): -Pstress loads every mutant, the default
     * build only those whose threads no deterministic harness controls (M7's pool: Lincheck n/a, one schedule
     * session cannot starve it).
     */
    static List<Mutant> loadSelection(String setting) {
        String value = setting.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return List.of();
        }
        return value.equalsIgnoreCase("true") ? Mutant.selected() : Mutant.named(value);
    }

    /** How {@code run} falls short of engine-fixed's guarantees under load, if it does. */
    static Optional<String> wrong(LoadRun run) {
        if (run.hung()) {
            return Optional.of(run.proof().get().kind()
                    + (run.cycle().isPresent()
                            ? " (" + String.join(", ", run.cycle().get().blockedMethods()) + ")"
                            : ""));
        }
        if (run.unanswered() > 0) {
            return Optional.of(run.unanswered() + " transaction(s) without a reply");
        }
        if (!run.accepted250Missing().isEmpty() || run.storedMessages() != run.serverAccepted()) {
            return Optional.of(run.storedMessages() + " stored for " + run.serverAccepted() + " 250 replies");
        }
        if (run.threadsAtEnd() > 0) {
            return Optional.of(run.threadsAtEnd() + " engine thread(s) left after close");
        }
        return Optional.empty();
    }
}
