package lab.kb905214.stress.spin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.kb905214.results.Field;
import lab.kb905214.results.Fields;
import lab.kb905214.results.SpinCounters;
import lab.kb905214.results.SpinCounters.FailpointLeaves;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.rig.EngineUnderTest;

/**
 * What ties a SPIN run to the real engine: its trails replayed on the engine (runs of one transaction per session: a
 * 1x1 trail through the explorer's harness, a trail of several sessions through {@code SessionsInterleaving}) and,
 * for a safety run, SPIN's count of the explorer's leaves, for each of the explorer's trees.
 *
 * @param replays every trail replayed, in pan's order
 * @param notReplayable why the trails were not replayed, or empty when they were
 * @param leaves the -DEXPLORER enumerations of the run's model, one per tree of the explorer (none for a liveness run)
 */
public record SpinEngineTies(List<TrailReplay> replays, Optional<String> notReplayable, List<SpinLeaves> leaves) {

    /** Replays every trail of {@code outcome} on {@code engine} when its bounds allow, and adds {@code leaves}. */
    public static SpinEngineTies of(SpinRunner.Outcome outcome, EngineUnderTest engine, List<SpinLeaves> leaves)
            throws IOException, InterruptedException {
        SpinBounds bounds = outcome.check().bounds();
        if (outcome.trails().isEmpty()) {
            return new SpinEngineTies(List.of(), Optional.empty(), leaves);
        }
        if (bounds.transactions() != 1) {
            return new SpinEngineTies(
                    List.of(),
                    Optional.of("the " + outcome.trails().size() + " trail(s) spin"
                            + " replayed of this " + bounds + " run's "
                            + outcome.pan().errors() + " error(s): the replay harnesses run one transaction per"
                            + " session, so an order of a session's two transactions' steps has no replay on them"),
                    leaves);
        }
        List<TrailReplay> replays = new ArrayList<>();
        for (int i = 0; i < outcome.trails().size(); i++) {
            SpinTrail trail = outcome.trails().get(i);
            replays.add(
                    bounds.sessions() == 1
                            ? TrailReplay.replay(i + 1, trail, engine)
                            : TrailReplay.replaySessions(i + 1, trail, engine));
        }
        return new SpinEngineTies(List.copyOf(replays), Optional.empty(), leaves);
    }

    /** Enumerates {@code check}'s model's leaves for each of the explorer's trees when it is a safety run. */
    public static List<SpinLeaves> leavesOf(SpinCheck check, Path models, Path workRoot, Duration limit, int memoryMb)
            throws IOException, InterruptedException {
        if (check.liveness()) {
            return List.of();
        }
        List<SpinLeaves> leaves = new ArrayList<>();
        for (Explorer.Space space : Explorer.Space.values()) {
            leaves.add(SpinLeaves.enumerate(models, check.model(), space, workRoot, limit, memoryMb));
        }
        return List.copyOf(leaves);
    }

    /** The counters these ties add to the run's results file. */
    Fields counters() {
        Fields counters = new Fields();
        counters.put(SpinCounters.TRAIL_REPLAYS, replays);
        counters.note("trailsExact", replays.stream().filter(TrailReplay::exact).count());
        counters.put(
                SpinCounters.TRAILS_AGREEING,
                replays.stream().filter(TrailReplay::agree).count());
        counters.put(SpinCounters.NOT_REPLAYABLE, notReplayable.orElse(null));
        for (SpinLeaves l : leaves) {
            Fields leafCounters = new Fields();
            leafCounters.note(
                    "what",
                    "the explorer's tree in the model (-DEXPLORER" + client(l.space())
                            + " one parked thread released at a time, each running to its next failpoint");
            leafCounters.note("commands", l.command());
            leafCounters.put(FailpointLeaves.SEARCH_COMPLETED, l.pan().searchCompleted());
            leafCounters.note("statesStored", l.pan().statesStored());
            leafCounters.note("hangingEndStates", l.pan().errors());
            leafCounters.note("terminalStates", l.terminalStates());
            leafCounters.put(FailpointLeaves.LEAVES, l.leaves().size());
            leafCounters.note("endings", l.endings());
            leafCounters.put(FailpointLeaves.ORDERS_WITH_SEVERAL_ENDINGS, l.ordersWithSeveralEndings());
            leafCounters.note("seconds", l.seconds());
            leafCounters.put(FailpointLeaves.ORDERS, l.leaves());
            counters.put(leavesField(l.space()), leafCounters);
        }
        return counters;
    }

    // The counter that holds SPIN's enumeration of the explorer's tree of space.
    private static Field<Object> leavesField(Explorer.Space space) {
        return switch (space) {
            case SINGLE -> SpinCounters.FAILPOINT_LEAVES;
            case CLIENT_MOVES -> SpinCounters.FAILPOINT_LEAVES_CLIENT_MOVES;
            case STALE -> SpinCounters.FAILPOINT_LEAVES_STALE;
        };
    }

    private static String client(Explorer.Space space) {
        return switch (space) {
            case SINGLE -> "): its single transaction, a client that leaves first,";
            case CLIENT_MOVES ->
                " -DCLIENT_MOVES): its single transaction, a client that leaves or pipelines RSET at"
                        + " any point while its check is in flight, or never moves,";
            case STALE ->
                " -DSTALE -DTX=2): two transactions, a client that pipelines RSET behind the first and sends"
                        + " the next at any point once the first is answered and the watcher is back from its teardown,";
        };
    }
}
