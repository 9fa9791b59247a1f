package lab.kb905214.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lab.kb905214.engine.hang.LockCycle;
import org.junit.jupiter.api.Test;

/** What changes between runs is taken out of replay's text; what the schedule decided stays. */
class StableTextTest {

    @Test
    void portsHashCodesAndQueueNamesAreTakenOut() {
        String text = "waiting forever: org.subethamail.smtp.server.Session-/127.0.0.1:53052, smtp-session-40123-2; "
                + "lock BuggyCoordinator$RegistryLock@1b2c3d4e on completion-40123; "
                + "probe: 250 2.6.0 Message accepted, queued as 1795952403.13805_1.localhost; next "
                + "at app//lab.kb905214.engine.buggy.BuggyCoordinator.complete(BuggyCoordinator.java:72) "
                + "mail alice@cafe.example";

        assertThat(StableText.of(text))
                .isEqualTo("waiting forever: the session thread of a client at 127.0.0.1, "
                        + "smtp-session-2; lock BuggyCoordinator$RegistryLock on completion; "
                        + "probe: 250 2.6.0 Message accepted, queued as <queue name>; next "
                        + "at lab.kb905214.engine.buggy.BuggyCoordinator.complete(BuggyCoordinator.java:72) "
                        + "mail alice@cafe.example");
    }

    @Test
    void theCycleStartsWithTheCompletionThreadWhereverTheJvmStarted() {
        LockCycle.Link watcher = new LockCycle.Link(
                "watcher-7",
                "x.BuggyCoordinator$SessionLock@19932c16",
                "x.BuggyCoordinator.teardown(BuggyCoordinator.java:86)",
                "x.BuggyCoordinator$RegistryLock@792b749c",
                "app//x.BuggyCoordinator.teardown(BuggyCoordinator.java:88)");
        LockCycle.Link completion = new LockCycle.Link(
                "completion-44571",
                "x.BuggyCoordinator$RegistryLock@792b749c",
                "x.BuggyCoordinator.complete(BuggyCoordinator.java:70)",
                "x.BuggyCoordinator$SessionLock@19932c16",
                "app//x.BuggyCoordinator.complete(BuggyCoordinator.java:72)");

        List<String> fromWatcher = StableText.cycle(new LockCycle(List.of(watcher, completion)));
        List<String> fromCompletion = StableText.cycle(new LockCycle(List.of(completion, watcher)));

        assertThat(fromWatcher).isEqualTo(fromCompletion);
        assertThat(fromWatcher.get(1))
                .isEqualTo(
                        "  completion thread holds BuggyCoordinator$RegistryLock (taken in BuggyCoordinator.complete)");
        assertThat(fromWatcher.get(2))
                .endsWith(
                        "wants BuggyCoordinator$SessionLock, blocked at x.BuggyCoordinator.complete(BuggyCoordinator.java:72)");
        assertThat(fromWatcher.get(3)).startsWith("  watcher thread    holds BuggyCoordinator$SessionLock");
    }
}
