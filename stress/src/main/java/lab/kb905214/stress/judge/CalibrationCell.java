package lab.kb905214.stress.judge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lab.kb905214.stress.load.LoadPlan;

/**
 * One condition the judge is calibrated under: a load plan, named by what it varies from the default traffic.
 *
 * @param name e.g. {@code c256-a0.3} (256 clients, 30% aborting), {@code -dns} (DNS jitter up to 50 ms, 5% of UDP
 *     answers dropped), {@code -busy} (one spinning thread per core), {@code -limit128} (connection limit 128)
 * @param plan the traffic and its conditions, without a duration or seed (each run sets them)
 */
public record CalibrationCell(String name, LoadPlan plan) {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The full grid: clients 16 to 256, abort rates 0 to 0.9, DNS jitter and drops, CPU starvation, saturation. */
    public static List<CalibrationCell> grid() {
        LoadPlan base = LoadPlan.defaults();
        return List.of(
                new CalibrationCell("c16-a0.3", base),
                new CalibrationCell("c64-a0.3", base.withClients(64)),
                new CalibrationCell("c128-a0.3", base.withClients(128)),
                new CalibrationCell("c256-a0.3", base.withClients(256)),
                new CalibrationCell("c16-a0", base.withAbortRate(0)),
                new CalibrationCell("c64-a0", base.withClients(64).withAbortRate(0)),
                new CalibrationCell("c16-a0.9", base.withAbortRate(0.9)),
                new CalibrationCell(
                        "c64-a0.3-dns",
                        base.withClients(64).withDns(Duration.ofMillis(1), Duration.ofMillis(49), 0.05)),
                new CalibrationCell("c256-a0.3-busy", base.withClients(256).withBusyThreads(CORES)),
                new CalibrationCell(
                        "c256-a0.9-dns-busy-limit128",
                        base.withClients(256)
                                .withAbortRate(0.9)
                                .withDns(Duration.ofMillis(1), Duration.ofMillis(49), 0.05)
                                .withBusyThreads(CORES)
                                .withMaxConnections(128)));
    }

    /** The grid's cell called {@code name}. */
    public static Optional<CalibrationCell> named(String name) {
        return grid().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
