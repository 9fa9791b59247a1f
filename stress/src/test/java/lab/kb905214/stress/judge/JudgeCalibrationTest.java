package lab.kb905214.stress.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.kb905214.stress.results.Provenance;
import lab.kb905214.stress.results.ResultsDirectory;
import lab.kb905214.stress.rig.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * The judge's calibration: each engine under the cells named by {@code lab.judge.fixedCells} and
 * {@code lab.judge.buggyCells} ("all" for the whole grid), {@code lab.judge.fixedRuns} and {@code lab.judge.buggyRuns}
 * runs of at most {@code lab.judge.fixedSeconds} and {@code lab.judge.buggySeconds} each; engine-buggy's only until
 * the judge proves a hang with {@code lab.judge.buggyUntilFirstHang} (the default build's question: does the judge see
 * one?). It records; the gate judges (engine-fixed: no proven hang in any cell).
 */
class JudgeCalibrationTest {
    private static final int RUNS_FIXED = Integer.getInteger("lab.judge.fixedRuns", 1);
    private static final int RUNS_BUGGY = Integer.getInteger("lab.judge.buggyRuns", 3);
    private static final Duration SECONDS_FIXED = Duration.ofSeconds(Long.getLong("lab.judge.fixedSeconds", 15));
    private static final Duration SECONDS_BUGGY = Duration.ofSeconds(Long.getLong("lab.judge.buggySeconds", 10));
    private static final boolean BUGGY_UNTIL_FIRST_HANG = Boolean.getBoolean("lab.judge.buggyUntilFirstHang");

    @Test
    void engineFixed() throws Exception {
        calibrate(
                EngineKind.FIXED,
                System.getProperty("lab.judge.fixedCells", "c256-a0.3"),
                RUNS_FIXED,
                SECONDS_FIXED,
                false);
    }

    @Test
    void engineBuggy() throws Exception {
        calibrate(
                EngineKind.BUGGY,
                System.getProperty("lab.judge.buggyCells", "c16-a0.3"),
                RUNS_BUGGY,
                SECONDS_BUGGY,
                BUGGY_UNTIL_FIRST_HANG);
    }

    private static void calibrate(EngineKind kind, String cellNames, int runs, Duration seconds, boolean untilFirstHang)
            throws Exception {
        Provenance provenance = Provenance.now();
        List<Calibration.CellResult> results = new ArrayList<>();
        for (CalibrationCell cell : cells(cellNames)) {
            Calibration.CellResult result = Calibration.run(kind, cell, runs, seconds, untilFirstHang);
            System.out.printf(
                    "judge calibration, engine-%s, %s: %d of %d runs hung (%d planned%s)%n",
                    kind.engine(),
                    cell.name(),
                    result.hangs(),
                    result.runs().size(),
                    runs,
                    untilFirstHang ? ", until the first proven hang" : "");
            results.add(result);
        }
        ResultsDirectory.fromSystemProperty().write(Calibration.results(kind, results, provenance));
    }

    private static List<CalibrationCell> cells(String names) {
        if (names.equals("all")) {
            return CalibrationCell.grid();
        }
        List<CalibrationCell> cells = new ArrayList<>();
        for (String name : names.split(",", -1)) {
            cells.add(CalibrationCell.named(name.trim())
                    .orElseThrow(() -> new IllegalArgumentException("no calibration cell called " + name)));
        }
        return cells;
    }
}
