package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTrailTest {

    private final AuditTrail trail = new AuditTrail("node-1");

    @Test
    void changesComeNewestFirstUpToTheLimit() {
        trail.record("ops", "127.0.0.1", "stop", "chat", "ok");
        trail.record("ops", "127.0.0.1", "disconnect-socket", "abc", "ok");
        trail.record("eve", "10.0.0.2", "disconnect-user", "u1", "ok: 2 on this node");

        assertThat(trail.newestFirst(2)).extracting(AuditTrail.Entry::action)
                .containsExactly("disconnect-user", "disconnect-socket");
        AuditTrail.Entry newest = trail.newestFirst(1).get(0);
        assertThat(newest.who()).isEqualTo("eve");
        assertThat(newest.node()).as("the node that recorded it").isEqualTo("node-1");
        assertThat(newest.address()).isEqualTo("10.0.0.2");
        assertThat(newest.target()).isEqualTo("u1");
        assertThat(newest.result()).isEqualTo("ok: 2 on this node");
        assertThat(newest.at()).isNotNull();
    }

    @Test
    void itKeepsTheLast500() {
        for (int i = 0; i < AuditTrail.CAPACITY + 20; i++) {
            trail.record("ops", "127.0.0.1", "stop", "plugin_" + i, "ok");
        }

        assertThat(trail.newestFirst(10_000)).hasSize(AuditTrail.CAPACITY)
                .first().extracting(AuditTrail.Entry::target).isEqualTo("plugin_" + (AuditTrail.CAPACITY + 19));
    }
}
