package lab.kb905214.engine.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A thread's name says its role, both ways: what the engine names a thread is read back as the same role. */
class ThreadRoleTest {

    @Test
    void everyRoleReadsBackTheNamesItGives() {
        for (ThreadRole role : ThreadRole.values()) {
            assertThat(ThreadRole.of(role.threadName("25-3"))).as(role.name()).contains(role);
        }
    }

    @Test
    void namesSeenInRealDumpsHaveTheirRoles() {
        assertThat(ThreadRole.of("org.subethamail.smtp.server.Session-/127.0.0.1:53052"))
                .contains(ThreadRole.SUBETHA_SESSION);
        assertThat(ThreadRole.of("dns-client-3-timer")).contains(ThreadRole.DNS_CLIENT);
        assertThat(ThreadRole.of("dnsjava NIO selector")).contains(ThreadRole.DNSJAVA);
        assertThat(ThreadRole.of("load-client-4"))
                .as("the harness's own client is not the engine's")
                .isEmpty();
        assertThat(ThreadRole.of("embedded-dns-udp-5353")).isEmpty();
    }

    @Test
    void onlyTheCompletionAndDnsThreadsServeAQueue() {
        assertThat(ThreadRole.values())
                .filteredOn(ThreadRole::isService)
                .containsExactly(ThreadRole.COMPLETION, ThreadRole.DNS_CLIENT);
    }

    @Test
    void dnsjavasSharedThreadOutlivesAnEngineAndEveryOtherRoleEndsWithIt() {
        assertThat(ThreadRole.endsWithItsEngine("dnsjava NIO selector")).isFalse();
        assertThat(ThreadRole.endsWithItsEngine("watcher-17")).isTrue();
        assertThat(ThreadRole.endsWithItsEngine("smtp-session-2525-1")).isTrue();
        assertThat(ThreadRole.endsWithItsEngine("ForkJoinPool.commonPool-worker-1"))
                .isFalse();
    }
}
