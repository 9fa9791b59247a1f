package lab.kb905214.stress.spin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.kb905214.results.Counters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.ResultFields;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;

/** Turns a SPIN run into a {@code spin-<engine>-<scenario>.json} results file. */
public final class SpinResults {
    private static final int EVIDENCE_LIMIT = 12_000;

    // A model has no failpoints and no bounded wait: what the engines' files count there, pan cannot.
    private static final Map<String, String> NOT_OBSERVED = Map.of(
            ResultFields.LOST_VERDICTS.name(),
                    "the model's waiter waits unbounded, so a verdict that never reaches"
                            + " it is a waiter never woken, counted in hangs",
            ResultFields.FAILPOINTS_ARMED.name(),
                    "a model, not the engine: its steps are the model's, there are no" + " failpoints to arm");

    private SpinResults() {}

    /** The trail kind a scenario's hang shows: a lock cycle for H1, a waiter never woken for H2. */
    public static SpinTrail.Kind expectedKind(String scenario) {
        return "H1".equals(scenario) ? SpinTrail.Kind.LOCK_CYCLE : SpinTrail.Kind.WAITER_NEVER_WOKEN;
    }

    /**
     * The results record of {@code outcome} and its {@code ties} to the engine; every number in it is what spin, pan
     * and the engine's replays reported.
     */
    public static HarnessResult toResult(
            SpinRunner.Outcome outcome, SpinEngineTies ties, String spinVersion, Provenance provenance) {
        SpinCheck check = outcome.check();
        PanReport pan = outcome.pan();
        Map<SpinTrail.Kind, Long> kinds =
                outcome.trails().stream().collect(Collectors.groupingBy(SpinTrail::kind, Collectors.counting()));
        Fields counters = new Fields();
        counters.put(Counters.EXHAUSTIVE, pan.searchCompleted());
        counters.put(SpinCounters.TRUNCATED_BY, pan.truncatedBy());
        counters.note(
                "property",
                check.liveness()
                        ? "ltl everyWaitEnds: [] <> (waiters == 0), weak fairness (-a -f)"
                        : "safety: invalid end states and assertions");
        counters.note("model", check.model());
        counters.put(SpinCounters.SESSIONS, check.bounds().sessions());
        counters.put(SpinCounters.TRANSACTIONS_PER_SESSION, check.bounds().transactions());
        counters.note("watchers", check.aborts());
        counters.put(SpinCounters.STATES_STORED, pan.statesStored());
        counters.note("transitions", pan.transitions());
        counters.note("depthReached", pan.depthReached());
        counters.put(SpinCounters.ERRORS, pan.errors());
        counters.note("errorKinds", pan.errorKinds());
        counters.put(SpinCounters.TRAILS_REPLAYED, outcome.trails().size());
        counters.put(SpinCounters.LOCK_CYCLES, kinds.getOrDefault(SpinTrail.Kind.LOCK_CYCLE, 0L));
        counters.put(SpinCounters.WAITERS_NEVER_WOKEN, kinds.getOrDefault(SpinTrail.Kind.WAITER_NEVER_WOKEN, 0L));
        counters.put(SpinCounters.OTHER_ERRORS, kinds.getOrDefault(SpinTrail.Kind.OTHER, 0L));
        counters.note("panMemoryMb", pan.memoryMb());
        counters.note("panSeconds", pan.panSeconds());
        counters.note("panTimedOut", outcome.panTimedOut());
        counters.note("panCommand", outcome.panCommand());
        counters.note("spinVersion", spinVersion);
        counters.note("waitBound", "none: an unbounded wait, so a lost verdict shows as a hang");
        counters.put(SpinCounters.SESSION_COUPLING, outcome.coupling().fields());
        counters.putAll(ties.counters());

        SpinTrail shown = outcome.trails().stream()
                .filter(t -> t.kind() == expectedKind(check.scenario()))
                .findFirst()
                .orElse(outcome.trails().isEmpty() ? null : outcome.trails().get(0));
        List<String> stepsHit = shown == null
                ? List.of()
                : shown.steps().stream()
                        .map(s -> s.split(" ", -1)[0])
                        .distinct()
                        .toList();
        String evidence = evidence(check, pan, shown, outcome.trails().size());
        long hangs = pan.errors();
        return new HarnessResult(
                Harness.SPIN,
                check.engine(),
                check.scenario(),
                pan.statesStored(),
                "states",
                hangs,
                null,
                hangs > 0 ? 1L : null,
                outcome.seconds(),
                evidence,
                null,
                stepsHit,
                counters,
                provenance,
                NOT_OBSERVED);
    }

    /** Writes {@code result} to the results folder named by {@code lab.results.dir}. */
    public static Path write(HarnessResult result) {
        return ResultsDirectory.fromSystemProperty().write(result);
    }

    private static String evidence(SpinCheck check, PanReport pan, SpinTrail shown, int replayed) {
        StringBuilder text = new StringBuilder(check.describe()).append('\n');
        text.append("pan: ")
                .append(pan.statesStored())
                .append(" states stored, depth reached ")
                .append(pan.depthReached())
                .append(", errors: ")
                .append(pan.errors())
                .append(pan.searchCompleted() ? ", search completed" : ", search NOT completed " + pan.truncatedBy())
                .append('\n');
        if (shown == null) {
            return text.append(pan.errors() == 0 ? "no error, so no trail" : "errors but no trail was written")
                    .toString();
        }
        text.append(pan.firstErrorKind().map(k -> "first error: " + k + "; ").orElse(""))
                .append(replayed)
                .append(" trail(s) replayed; this one: ")
                .append(shown.summary())
                .append('\n')
                .append("labels as printed: ")
                .append(String.join(" -> ", shown.steps()))
                .append('\n')
                .append("released one thread at a time, as the engine replays it: ")
                .append(String.join(" -> ", shown.releases()))
                .append('\n')
                .append("spin -t -p -g (steps, monitor operations, final state):\n")
                .append(shown.text());
        return text.length() > EVIDENCE_LIMIT ? text.substring(0, EVIDENCE_LIMIT) + "\n[trimmed]" : text.toString();
    }
}
