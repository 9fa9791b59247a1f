package lab.kb905214.bench.hang;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.kb905214.stress.load.LoadDriver;
import lab.kb905214.stress.load.LoadPlan;
import lab.kb905214.stress.load.LoadRun;
import lab.kb905214.stress.race.Race;
import lab.kb905214.stress.rig.EngineKind;
import lab.kb905214.stress.schedule.Order;
import lab.kb905214.stress.schedule.Scenario;
import lab.kb905214.stress.schedule.ScheduleDriver;
import lab.kb905214.stress.schedule.ScheduleRun;

/**
 * One run of one harness against engine-buggy, in a JVM of its own (a hung engine's deadlocked threads are never
 * reclaimed, so every run gets a fresh JVM that is thrown away); prints one line {@code HANGPROBE {json}}.
 *
 * <p>Usage: {@code HangProbe schedule H1|H2}, {@code HangProbe lincheck H1|H2}, {@code HangProbe load SEED SECONDS}.
 */
public final class HangProbe {
    /** The prefix of the result line the parent looks for. */
    public static final String PREFIX = "HANGPROBE ";
    /** The most invocations one Lincheck run may explore looking for the hang. */
    static final long LINCHECK_BUDGET = 10_000;

    private HangProbe() {}

    /** Runs what {@code args} names and prints the result line; exits 0 whether or not it hung. */
    public static void main(String[] args) throws Exception {
        Map<String, Object> result = switch (args[0]) {
            case "schedule" -> schedule(Scenario.valueOf(args[1]));
            case "lincheck" -> lincheck(args[1]);
            case "load" -> load(Long.parseLong(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown harness " + args[0]);
        };
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        // Deadlocked engine threads are non-daemon in places: leave without waiting for them.
        Runtime.getRuntime().halt(0);
    }

    private static Map<String, Object> schedule(Scenario scenario) throws Exception {
        ScheduleRun run = ScheduleDriver.run(EngineKind.BUGGY, scenario, Order.RACY);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hung", run.hung());
        out.put("exercised", run.exercised());
        // The hang is there once the schedule's last release is made; the run's wall time includes proving it.
        out.put("seconds", run.millis() / 1000.0);
        out.put("detectSeconds", run.detectMillis() / 1000.0);
        out.put("explored", 1);
        return out;
    }

    // LincheckRun and the scenarios live in stress's test code (package-private): reached by reflection from the
    // class path the parent gives this JVM (stress/target/test-classes), so nothing is copied or made public.
    private static Map<String, Object> lincheck(String scenario) throws Exception {
        String pkg = "lab.kb905214.stress.lincheck.";
        Class<?> runClass = Class.forName(pkg + "LincheckRun");
        Class<?> scenarioClass = Class.forName(pkg + "LincheckScenario");
        Class<?> operations = Class.forName(pkg + "BuggyCoordinatorOperations");
        // The scenario is the race catalogue's: LincheckScenario.of(Race.H1), as the Lincheck tests build it.
        Method factory = scenarioClass.getDeclaredMethod("of", Race.class);
        factory.setAccessible(true);
        Method check = runClass.getDeclaredMethod("check", Class.class, scenarioClass, long.class);
        check.setAccessible(true);
        Object run = check.invoke(null, operations, factory.invoke(null, Race.valueOf(scenario)), LINCHECK_BUDGET);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hung", accessor(run, "failure") != null);
        out.put("seconds", accessor(run, "seconds"));
        out.put("explored", accessor(run, "explored"));
        out.put("budget", LINCHECK_BUDGET);
        return out;
    }

    private static Object accessor(Object record, String name) throws Exception {
        Method m = record.getClass().getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(record);
    }

    private static Map<String, Object> load(long seed, int seconds) throws Exception {
        LoadPlan plan = LoadPlan.defaults().withSeed(seed).withMaxDuration(Duration.ofSeconds(seconds));
        LoadRun run = LoadDriver.run(EngineKind.BUGGY, plan, progress -> {});
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hung", run.hung());
        out.put("seconds", run.stoppedRespondingAt().orElse(run.seconds()));
        out.put("stoppedRespondingAt", run.stoppedRespondingAt().orElse(null));
        out.put("cycle", run.cycle().isPresent());
        out.put("explored", run.transactionsAnswered());
        out.put("runSeconds", run.seconds());
        return out;
    }
}
