package lab.kb905214.stress.jcstress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.race.RaceOperation;

/** What the tests of one engine and scenario showed in one JCStress run, added up test by test. */
final class ScenarioTally {
    /** Samples per "Test OUTCOME", across the scenario's tests. */
    final Map<String, Long> outcomes = new LinkedHashMap<>();
    /** Samples per "Test OUTCOME" that JCStress graded Forbidden (only those seen at least once). */
    final Map<String, Long> forbiddenOutcomes = new LinkedHashMap<>();
    /** One summary line per test, each followed by its notable forks, watchdog actions and thread dumps. */
    final List<String> evidence = new ArrayList<>();
    /** Each test's status as JCStress graded it. */
    final List<String> statuses = new ArrayList<>();
    /** Thread dumps the watchdog took of the scenario's forks. */
    final List<String> dumps = new ArrayList<>();
    /** Tests that printed nothing at all (not scheduled, not in the jar, or the run ended first). */
    final List<String> notRun = new ArrayList<>();

    long forks;
    long forbidden;
    long stale;
    long timeouts;
    long staleExits;
    long deadlockKills;
    long hungKills;
    long lostVerdicts;
    double seconds;
    Long firstHangAt;
    /** The number (from 1, in printed order) of the first fork that did not come back OK, or null. */
    Long firstBadFork;

    private long forksSeen;
    private long samplesBefore;

    /**
     * Adds what {@code console} shows of {@code test}; with {@code lostVerdictsOf}, a sample whose first wait saw
     * neither the verdict nor the cancellation is counted as a lost verdict (the race says which result that is).
     */
    void add(String test, JcstressConsole console, Optional<Race> lostVerdictsOf) {
        List<JcstressConsole.Fork> testForks = console.forks(test);
        Map<String, Long> testOutcomes = outcomesOf(test, testForks, console);
        if (testForks.isEmpty() && console.totals(test).isEmpty()) {
            notRun.add(JcstressSuite.shortName(test));
        }
        testOutcomes.forEach((id, n) -> outcomes.merge(JcstressSuite.shortName(test) + " " + id, n, Long::sum));
        if (lostVerdictsOf.isPresent()) {
            int firstWait = lostVerdictsOf.get().calls().indexOf(RaceOperation.AWAIT);
            testOutcomes.forEach((id, n) -> {
                String[] results = id.split(",", -1);
                String waiterSaw = firstWait < results.length ? results[firstWait].strip() : "";
                if (!waiterSaw.equals("DELIVERED") && !waiterSaw.equals("CANCELLED")) {
                    lostVerdicts += n; // the waiter came back with neither the verdict nor the cancellation
                }
            });
        }
        stale += testOutcomes.getOrDefault("STALE", 0L);
        forks += testForks.size();
        seconds += secondsOf(test, console);
        long samples = testOutcomes.values().stream().mapToLong(Long::longValue).sum();
        evidence.add(JcstressSuite.shortName(test) + ": " + samples + " samples in " + testForks.size() + " forks; "
                + (testOutcomes.isEmpty()
                        ? "no outcomes"
                        : testOutcomes.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(", "))));
        testForks.forEach(this::addFork);
        console.watchdog(test).forEach(this::addWatchdog);
    }

    /** Forks that never returned: JCStress's own timeouts and the watchdog's kills. */
    long hungForks() {
        return timeouts + deadlockKills + hungKills;
    }

    /** All samples JCStress counted. */
    long samples() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    // RUN RESULTS when the run got there; otherwise the fork tables printed before it ended.
    private Map<String, Long> outcomesOf(String test, List<JcstressConsole.Fork> testForks, JcstressConsole console) {
        Map<String, Long> testOutcomes = new LinkedHashMap<>();
        List<String> testForbidden = new ArrayList<>();
        var totals = console.totals(test);
        if (totals.isPresent()) {
            testOutcomes.putAll(totals.get().outcomes());
            testForbidden.addAll(totals.get().forbidden());
            statuses.add(JcstressSuite.shortName(test) + ": " + totals.get().status());
        } else if (!testForks.isEmpty()) {
            for (JcstressConsole.Fork fork : testForks) {
                fork.outcomes().forEach((id, n) -> testOutcomes.merge(id, n, Long::sum));
                fork.forbidden().stream()
                        .filter(id -> !testForbidden.contains(id))
                        .forEach(testForbidden::add);
            }
            statuses.add(JcstressSuite.shortName(test) + ": "
                    + testForks.stream()
                            .map(JcstressConsole.Fork::status)
                            .distinct()
                            .collect(Collectors.joining("/")) + " (from fork results)");
        }
        for (String id : testForbidden) {
            long n = testOutcomes.getOrDefault(id, 0L);
            forbidden += n;
            if (n > 0) {
                forbiddenOutcomes.merge(JcstressSuite.shortName(test) + " " + id, n, Long::sum);
            }
        }
        return testOutcomes;
    }

    private void addFork(JcstressConsole.Fork fork) {
        long forkStale = fork.outcomes().getOrDefault("STALE", 0L);
        boolean timedOut = fork.status().equals("TIMEOUT")
                || fork.messages().stream().anyMatch(m -> m.startsWith("Timeout waiting for tasks"));
        long exits = fork.messages().stream()
                .filter(m -> m.startsWith("Have stale threads"))
                .count();
        staleExits += exits;
        if (timedOut) {
            timeouts++;
        }
        forksSeen++;
        if (firstBadFork == null && (timedOut || exits > 0 || !fork.status().equals("OK") || fork.samples() == 0)) {
            firstBadFork = forksSeen;
        }
        if (forkStale > 0 && firstHangAt == null) {
            // A STALE ends its fork, so it is that fork's last sample; forks are counted in the order printed.
            firstHangAt = samplesBefore + fork.outcomes().getOrDefault("TERMINATED", 0L) + 1;
        }
        samplesBefore += fork.samples();
        if (forkStale > 0 || timedOut || exits > 0 || !fork.status().equals("OK") || fork.samples() == 0) {
            String counts = fork.outcomes().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            String messages =
                    fork.messages().stream().limit(5).map(m -> "; " + m).collect(Collectors.joining());
            evidence.add("  [" + fork.status() + "] fork #" + fork.number() + " " + fork.jvmArgs() + ": "
                    + (counts.isEmpty() ? "no samples" : counts) + messages);
        }
    }

    private void addWatchdog(JcstressConsole.Event e) {
        if (e.kind().equals("KILLED")) {
            if (e.field("reason").equals("deadlock")) {
                deadlockKills++;
            } else {
                hungKills++;
            }
            evidence.add("  watchdog killed fork " + e.field("fork") + " (" + e.field("reason")
                    + "): JCStress would have waited for it forever");
        } else if (e.kind().equals("IDLE")) {
            dumps.add(e.field("dump"));
            evidence.add("  fork " + e.field("fork") + " idle " + e.field("seconds") + " s, threads dumped to "
                    + e.field("dump") + (e.field("deadlock").equals("true") ? ": Java-level deadlock" : ":"));
            e.details().forEach(line -> evidence.add("    " + line));
        }
    }

    /** The test's share of the run's wall time: from the previous fork result (or the end of probing) to each own. */
    private static double secondsOf(String test, JcstressConsole console) {
        double previous = console.runEvent("PROBED").map(e -> e.number("at", 0)).orElse(0.0);
        double total = 0;
        for (JcstressConsole.Event e : console.runEvents()) {
            if (!e.kind().equals("RESULT")) {
                continue;
            }
            double at = e.number("at", previous);
            if (e.field("test").equals(test)) {
                total += Math.max(0, at - previous);
            }
            previous = at;
        }
        return Math.round(total * 10) / 10.0;
    }
}
