package lab.kb905214.stress.shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the {@code -Pstress} work is split into shards: every unit (a harness test class, or the JCStress run) with its
 * estimated seconds under the stress budgets, dealt out longest first to the shard with the least work so far (ties to
 * the lower shard). The same units and estimates give the same parts on every machine; a unit not in the table goes
 * to a shard chosen from its name alone, so it still runs exactly once.
 */
public final class ShardPlan {
    /** The unit name of the JCStress run (exec plugin), which is not a test class. */
    public static final String JCSTRESS_RUN = "JcstressRunner";

    /**
     * Seconds per unit under {@code mvn -B verify -Pstress} on 2 cores, from the README's time table (each harness's
     * own -Pstress figure; the judge's grid as estimated there, the fixed load as measured alone).
     */
    static final Map<String, Integer> ESTIMATED_SECONDS = estimates();

    private final Map<String, Integer> seconds;
    private final int count;
    private final Map<String, Integer> assigned = new LinkedHashMap<>();
    private final long[] load;

    private ShardPlan(Map<String, Integer> seconds, int count) {
        this.seconds = seconds;
        this.count = count;
        this.load = new long[count];
        List<Map.Entry<String, Integer>> longestFirst = new ArrayList<>(seconds.entrySet());
        longestFirst.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> unit : longestFirst) {
            int least = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            load[least] += unit.getValue();
            assigned.put(unit.getKey(), least + 1);
        }
    }

    /** The plan of the stress work split into {@code count} shards. */
    public static ShardPlan of(int count) {
        return new ShardPlan(ESTIMATED_SECONDS, count);
    }

    /** A plan over other units, for tests of the split itself. */
    static ShardPlan of(Map<String, Integer> seconds, int count) {
        return new ShardPlan(Map.copyOf(seconds), count);
    }

    /** Whether {@code unit} (a test class's simple name, or {@link #JCSTRESS_RUN}) is {@code shard}'s work. */
    public static boolean runs(Shard shard, String unit) {
        return of(shard.count()).shardOf(unit) == shard.index();
    }

    /** The shard (from 1) that runs {@code unit}. */
    public int shardOf(String unit) {
        Integer planned = assigned.get(unit);
        // An unplanned unit (a harness added since the table): by its name, so every machine agrees.
        return planned != null ? planned : Math.floorMod(unit.hashCode(), count) + 1;
    }

    /** The planned units of shard {@code index} (from 1), longest first. */
    public List<String> units(int index) {
        return assigned.entrySet().stream()
                .filter(e -> e.getValue() == index)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The estimated seconds of shard {@code index} (from 1), planned units only. */
    public long estimatedSeconds(int index) {
        return load[index - 1];
    }

    /** Whether the table has an estimate for {@code unit}. */
    public boolean isPlanned(String unit) {
        return seconds.containsKey(unit);
    }

    private static Map<String, Integer> estimates() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put(JCSTRESS_RUN, 1260); // lab.jcstress.budget 20m, plus the JVMs' start and the report
        s.put("JudgeCalibrationTest", 840); // the grid, 2 fixed + 3 buggy runs of <= 10 s per cell
        s.put("FixedLincheckTest", 636); // 30 x 5,000
        // buggy 2x1 with every trail run on the engine, fixed 2x2, fixed 3x1 (491 s measured with teardown.begin)
        s.put("SpinModelTest", 491);
        s.put("MutantJcstressTest", 362);
        s.put("BuggyScheduleTest", 280); // 100 repetitions
        s.put("BuggyLoadTest", 236); // 20 runs of <= 120 s, and the 60 s no-abort control
        s.put("FixedLoadTest", 186); // 100,000 transactions, alone on the machine
        s.put("MutantLincheckTest", 161);
        s.put("RealThreadsLincheckTest", 159);
        s.put("MutantLoadTest", 153);
        s.put("UnboundLoadTest", 55);
        s.put("ExplorerTest", 1130); // 1,121 s measured: single trees 37 s, client's moves 228 s, STALE 855 s
        s.put("MutantExplorerTest", 290); // 284 s measured: 15 single trees; M3's, M9's, M13's STALE trees
        s.put("MutantScheduleTest", 19);
        s.put("MutantPatchesTest", 2); // builds each mutant from the shipped source (2 s measured)
        s.put("JudgeTest", 18);
        s.put("BuggyLincheckTest", 12);
        s.put("FixedScheduleTest", 11);
        s.put("BoundedFixedLoadTest", 9); // 8 s of traffic, the same in every build
        s.put("ConfidenceBoundsTest", 1);
        s.put("JcstressFindingsTest", 1);
        s.put("JcstressResultsTest", 1);
        s.put("LockNestingTest", 1);
        s.put("RaceFilesTest", 1);
        s.put("RaceTest", 1);
        s.put("ResultsShapeTest", 1);
        s.put("ScenarioOrdersTest", 1);
        s.put("SpinOutputTest", 1);
        s.put("SpinStepLabelsTest", 1);
        s.put("SerialOrderTest", 1);
        s.put("ReplayOrderTest", 1);
        s.put("LeafTest", 1);
        s.put("SessionsInterleavingTest", 2);
        s.put("ShardPlanTest", 1);
        return Map.copyOf(s);
    }
}
