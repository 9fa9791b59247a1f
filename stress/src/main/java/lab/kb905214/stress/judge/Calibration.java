package lab.kb905214.stress.judge;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import lab.kb905214.results.AuditCounters;
import lab.kb905214.results.Fields;
import lab.kb905214.results.Harness;
import lab.kb905214.results.JudgeCounters;
import lab.kb905214.results.JudgeCounters.Cell;
import lab.kb905214.stress.load.LoadDriver;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.results.HarnessResult;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.stats.ConfidenceBounds;

/**
 * Measures the judge itself: runs an engine under calibration cells and counts what the judge proved. On
 * engine-fixed every proven hang is a false alarm (or a defect of the fix: either fails the gate until explained),
 * so a cell gives the false-alarm rate's upper 95% bound; on engine-buggy it gives the detection rate's lower bound,
 * so a stricter judge cannot silently become a blind one.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * What the judge said about the runs of one cell on one engine.
     *
     * @param cell the condition
     * @param runs the runs made, in order
     * @param planned the runs asked for
     * @param untilFirstHang whether the runs stopped at the first proven hang: then {@code hangs / runs} is no estimate
     *     of the detection rate (a sequential stop biases it), and none is written
     */
    public record CellResult(CalibrationCell cell, List<LoadRun> runs, int planned, boolean untilFirstHang) {
        long hangs() {
            return runs.stream().filter(LoadRun::hung).count();
        }

        long ofKind(String kind) {
            return runs.stream()
                    .filter(r -> r.hangKind().filter(kind::equals).isPresent())
                    .count();
        }

        double seconds() {
            return runs.stream().mapToDouble(LoadRun::seconds).sum();
        }

        long max(ToLongFunction<LoadRun> field) {
            return runs.stream().mapToLong(field).max().orElse(0);
        }

        long sum(ToLongFunction<LoadRun> field) {
            return runs.stream().mapToLong(field).sum();
        }
    }

    /**
     * Runs {@code cell} up to {@code runs} times on {@code kind}, each run a fresh engine for at most {@code seconds};
     * with {@code untilFirstHang}, only until the judge proves a hang, when the question is whether it sees one at all.
     */
    public static CellResult run(
            EngineKind kind, CalibrationCell cell, int runs, Duration seconds, boolean untilFirstHang)
            throws IOException, InterruptedException {
        List<LoadRun> done = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            LoadRun run =
                    LoadDriver.run(kind, cell.plan().withMaxDuration(seconds).withSeed(1000L + i), p -> {});
            done.add(run);
            if (untilFirstHang && run.hung()) {
                break; // the judge saw a hang: the question this cell asks is answered
            }
        }
        return new CellResult(cell, done, runs, untilFirstHang);
    }

    /** The results file of one engine's calibration: one entry per cell, the hangs summed. */
    public static HarnessResult results(EngineKind kind, List<CellResult> cells, Provenance provenance) {
        List<Fields> rows = new ArrayList<>();
        long runs = 0;
        long hangs = 0;
        Long firstHangAt = null;
        double seconds = 0;
        StringBuilder evidence = new StringBuilder();
        for (CellResult cell : cells) {
            rows.add(row(kind, cell));
            for (LoadRun run : cell.runs()) {
                runs++;
                seconds += run.seconds();
                if (run.hung()) {
                    hangs++;
                    if (firstHangAt == null) {
                        firstHangAt = runs;
                        evidence.append(cell.cell().name())
                                .append(", run ")
                                .append(cell.runs().indexOf(run) + 1)
                                .append(": ")
                                .append(run.proof().get().kind())
                                .append(": ")
                                .append(run.evidence());
                    }
                }
            }
        }
        Fields counters = new Fields();
        counters.put(JudgeCounters.CELLS, rows);
        counters.note(
                "stuckAfterSeconds",
                cells.isEmpty() || cells.get(0).runs().isEmpty()
                        ? null
                        : cells.get(0).runs().get(0).limits().stuckAfter().toMillis() / 1e3);
        counters.note(
                "stoppedAfterSeconds",
                cells.isEmpty() || cells.get(0).runs().isEmpty()
                        ? null
                        : cells.get(0).runs().get(0).limits().stoppedAfter().toMillis() / 1e3);
        List<LoadRun> all = cells.stream().flatMap(c -> c.runs().stream()).toList();
        return new HarnessResult(
                Harness.JUDGE,
                kind.engine(),
                "calibration",
                runs,
                "runs",
                hangs,
                all.stream().mapToLong(LoadRun::lostVerdicts).sum(),
                firstHangAt,
                seconds,
                evidence.toString(),
                all.stream().anyMatch(LoadRun::failpointsArmed),
                all.stream()
                        .flatMap(r -> r.failpointsHit().stream())
                        .distinct()
                        .sorted()
                        .toList(),
                counters,
                provenance);
    }

    private static Fields row(EngineKind kind, CellResult cell) {
        long n = cell.runs().size();
        long k = cell.hangs();
        Fields row = new Fields();
        row.put(Cell.CELL, cell.cell().name());
        row.note("clients", cell.cell().plan().clients());
        row.put(Cell.ABORT_RATE, cell.cell().plan().abortRate());
        row.note("dnsJitterMillis", cell.cell().plan().dnsJitter().toMillis());
        row.note("dnsDropRate", cell.cell().plan().dnsDropRate());
        row.note("busyThreads", cell.cell().plan().busyThreads());
        row.note("connectionLimit", cell.cell().plan().connectionLimit());
        row.put(Cell.N, n);
        row.put(Cell.RUNS_PLANNED, cell.planned());
        row.put(Cell.UNTIL_FIRST_HANG, cell.untilFirstHang());
        row.put(Cell.HANGS, k);
        row.put(Cell.LOCK_CYCLES, cell.ofKind("lock-cycle"));
        row.put(Cell.STUCK_SESSIONS, cell.ofKind("stuck-session"));
        row.put(Cell.STOPPED_SERVERS, cell.ofKind("stopped-server"));
        row.note("seconds", Math.round(cell.seconds() * 10) / 10.0);
        if (kind == EngineKind.FIXED) {
            // Every hang of engine-fixed is a false alarm of the judge or a defect of the fix.
            row.put(Cell.FALSE_ALARM_UPPER_95, ConfidenceBounds.binomialUpper(k, n));
            row.note("falseAlarmsPerSecondUpper95", ConfidenceBounds.poissonUpper(k, Math.max(cell.seconds(), 0.001)));
        } else if (cell.untilFirstHang()) {
            row.put(Cell.DETECTION, null);
            row.put(Cell.DETECTION_LOWER_95, null);
        } else {
            row.put(Cell.DETECTION, (double) k / n);
            row.put(Cell.DETECTION_LOWER_95, ConfidenceBounds.binomialLower(k, n));
        }
        row.note("transactions", cell.sum(LoadRun::transactionsAnswered));
        row.note("unanswered", cell.sum(LoadRun::unanswered));
        row.note("accepted250Missing", cell.sum(r -> r.accepted250Missing().size()));
        row.put(Cell.REFUSED, cell.sum(LoadRun::refused));
        row.put(Cell.NOT_SERVED, cell.sum(LoadRun::notServed));
        row.put(Cell.PROBE_P99_MILLIS_MAX, cell.max(r -> r.probes().p99Millis()));
        row.put(Cell.PROBE_MAX_MILLIS, cell.max(r -> r.probes().maxMillis()));
        // What the stopped-server window must stay far above: the longest time nobody got an answer.
        row.put(Cell.LONGEST_SILENCE_MILLIS, cell.max(LoadRun::longestSilenceMillis));
        // Where the first judge (a probe unanswered in 2 s meant "stopped") would have called a hang.
        row.note(
                "runsTheFirstJudgeCalledStopped",
                cell.runs().stream().filter(r -> r.probes().over2s() > 0).count());
        // The assumption audit of each run (lock order, service threads' waits): runs where it did not hold.
        row.put(
                Cell.ASSUMPTIONS_NOT_HELD,
                cell.runs().stream()
                        .filter(r -> !Boolean.TRUE.equals(r.assumptions().get(AuditCounters.HELD)))
                        .count());
        return row;
    }
}
