package lab.kb905214.stress.spin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lab.kb905214.engine.failpoint.Step;
import lab.kb905214.stress.explore.ClientMove;
import lab.kb905214.stress.explore.Explorer;
import lab.kb905214.stress.explore.ReplayOrder;

/**
 * SPIN's count of the explorer's leaves: a model run with {@code -DEXPLORER} (the explorer's single transaction, its
 * client, and its release of one parked thread at a time, each running to its next failpoint) prints the order of
 * releases and the ending at every state where nothing can move any more; the distinct orders are the leaves of the
 * same tree the explorer runs on the real engine. With {@code -DCLIENT_MOVES} the client's move is released like a
 * step ({@link Explorer.Space#CLIENT_MOVES}); with {@code -DSTALE} the session has two transactions and the client's
 * next is released like a step ({@link Explorer.Space#STALE}); without either the client leaves first.
 *
 * @param model the model file
 * @param space the explorer's tree these are the leaves of
 * @param leaves the distinct orders, each with its ending, in the order pan first reached them
 * @param terminalStates the end states pan printed (more than the orders: threads outside the coordinator may still
 *     be finishing in one and done in another)
 * @param pan pan's report of the search (its errors are the hanging end states)
 * @param command the command lines run, for the record
 * @param seconds wall time of generation, compilation and search
 */
public record SpinLeaves(
        String model,
        Explorer.Space space,
        List<SpinLeaf> leaves,
        long terminalStates,
        PanReport pan,
        List<String> command,
        double seconds) {

    /**
     * One leaf: a complete order of releases and how it ended.
     *
     * @param order the step ids and the client's move, comma-separated, as {@code lab replay --order} takes them
     * @param ending COMPLETED, LOCK_CYCLE or WAITER_NEVER_WAKES as the explorer names its endings, or OTHER
     */
    public record SpinLeaf(String order, String ending) {}

    /** The endings the model prints, by their code (see the Explorer proctype in engine-threads.pml). */
    static final List<String> ENDINGS = List.of("COMPLETED", "LOCK_CYCLE", "WAITER_NEVER_WAKES", "OTHER");

    private static final Pattern TERMINAL =
            Pattern.compile("^terminal released (\\d+) order ((?:\\d+ ?)+) ending (\\d+)$", Pattern.MULTILINE);
    private static final Pattern STEP_CODE = Pattern.compile("^#define STEP_([A-Z_]+) (\\d+)$", Pattern.MULTILINE);
    private static final Pattern MOVE_CODE =
            Pattern.compile("^#define MOVE_CLIENT_([A-Z_]+) (\\d+)$", Pattern.MULTILINE);

    /**
     * Enumerates the leaves of {@code model} (in {@code models}) for the explorer's tree of {@code space}, with pan
     * given at most {@code limit} and {@code memoryMb}.
     */
    public static SpinLeaves enumerate(
            Path models, String model, Explorer.Space space, Path workRoot, Duration limit, int memoryMb)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path work = SpinRunner.copyModels(models, Files.createTempDirectory(workRoot, "spin-leaves-"));
        // -o2 keeps the recorded order: SPIN's dead-variable elimination counts a variable read only by printf as
        // dead and merges end states that differ only in it (measured: 3 orders of engine-buggy's 64 without it).
        List<String> spinA = new ArrayList<>(List.of("spin", "-a", "-o2", "-DEXPLORER"));
        switch (space) {
            case SINGLE -> {}
            case CLIENT_MOVES -> spinA.add("-DCLIENT_MOVES");
            case STALE -> spinA.addAll(List.of("-DSTALE", "-DTX=2"));
        }
        spinA.add(model);
        SpinRunner.require(BoundedProcess.run(spinA, work, SpinRunner.TOOL_LIMIT));
        // PRINTF: pan prints each printf it executes, so each end state's line once, when pan first expands it;
        // NOREDUCE: every interleaving, no partial-order reduction. -O0: these searches are small (265,000 states at
        // most), and gcc -O2 took 2.4 s of the 3 s of each (pan 0.6 s); at -O0 gcc takes 0.5 s and pan 0.7 s.
        List<String> gcc = List.of(
                "gcc", "-O0", "-w", "-o", "pan", "-DSAFETY", "-DNOREDUCE", "-DPRINTF", "-DMEMLIM=" + memoryMb, "pan.c");
        SpinRunner.require(BoundedProcess.run(gcc, work, SpinRunner.TOOL_LIMIT));
        List<String> pan = List.of("./pan", "-m" + SpinRunner.MAX_DEPTH, "-c0");
        BoundedProcess search = BoundedProcess.run(pan, work, limit);
        SpinRunner.require(search);
        Files.writeString(work.resolve("pan.out"), search.output());
        Map<Integer, String> codes = codes(Files.readString(work.resolve("engine-state.pml")));
        Set<SpinLeaf> leaves = new LinkedHashSet<>();
        long terminals = 0;
        Matcher m = TERMINAL.matcher(search.output());
        while (m.find()) {
            terminals++;
            int count = Integer.parseInt(m.group(1));
            List<String> order = new ArrayList<>();
            String[] released = m.group(2).trim().split(" ", -1);
            for (int i = 0; i < count; i++) {
                String id = codes.get(Integer.parseInt(released[i]));
                if (id == null) {
                    throw new IllegalStateException("code " + released[i] + " is not declared in engine-state.pml");
                }
                order.add(id);
            }
            // Written as the explorer writes its leaves: a client that left first goes without saying.
            leaves.add(new SpinLeaf(ReplayOrder.parse(order).text(), ENDINGS.get(Integer.parseInt(m.group(3)))));
        }
        return new SpinLeaves(
                model,
                space,
                List.copyOf(leaves),
                terminals,
                PanReport.parse(search.output()),
                List.of(String.join(" ", spinA), String.join(" ", gcc), String.join(" ", pan)),
                (System.nanoTime() - start) / 1e9);
    }

    /** How many leaves end each way, every ending named (0 when none). */
    public Map<String, Long> endings() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ENDINGS.forEach(e -> counts.put(e, 0L));
        leaves.forEach(l -> counts.merge(l.ending(), 1L, Long::sum));
        return counts;
    }

    /** The orders that occur with more than one ending (none, when the model's leaves are functions of their order). */
    public List<String> ordersWithSeveralEndings() {
        return leaves.stream()
                .collect(Collectors.groupingBy(SpinLeaf::order, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    // The codes the model records, from its #define STEP_<Step name> <code> and MOVE_CLIENT_<kind> <code> lines, as the
    // ids lab replay --order takes.
    private static Map<Integer, String> codes(String engineState) {
        Map<Integer, String> codes = new LinkedHashMap<>();
        Matcher m = STEP_CODE.matcher(engineState);
        while (m.find()) {
            codes.put(Integer.parseInt(m.group(2)), Step.valueOf(m.group(1)).id());
        }
        Matcher move = MOVE_CODE.matcher(engineState);
        while (move.find()) {
            String id = move.group(1).equals("NEXT")
                    ? ReplayOrder.NEXT
                    : ClientMove.Kind.valueOf(move.group(1)).id();
            codes.put(Integer.parseInt(move.group(2)), id);
        }
        return codes;
    }
}
