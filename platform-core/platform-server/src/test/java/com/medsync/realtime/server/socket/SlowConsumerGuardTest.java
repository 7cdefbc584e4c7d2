package com.medsync.realtime.server.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.socket.SlowConsumerGuard.Verdict;

import org.junit.jupiter.api.Test;

class SlowConsumerGuardTest {

    @Test
    void aClientThatKeepsUpIsAlwaysSent() {
        SlowConsumerGuard guard = new SlowConsumerGuard(3);

        for (int packet = 0; packet < 100; packet++) {
            assertThat(guard.beforeSend(true, false)).isEqualTo(Verdict.SEND);
        }
        assertThat(guard.isCutOff()).isFalse();
    }

    @Test
    void anUnwritableClientIsCutOffOnceOverTheQueueAndDroppedAfter() {
        SlowConsumerGuard guard = new SlowConsumerGuard(3);

        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.CUT_OFF);
        assertThat(guard.isCutOff()).isTrue();
        assertThat(guard.beforeSend(true, false)).as("even once writable again").isEqualTo(Verdict.DROP);
    }

    @Test
    void becomingWritableAgainStartsTheCountAfresh() {
        SlowConsumerGuard guard = new SlowConsumerGuard(2);

        guard.beforeSend(false, false);
        guard.beforeSend(false, false);
        assertThat(guard.beforeSend(true, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.SEND);
        assertThat(guard.beforeSend(false, false)).isEqualTo(Verdict.CUT_OFF);
    }

    @Test
    void aPollingClientWithAFullQueueIsCutOff() {
        SlowConsumerGuard guard = new SlowConsumerGuard(1000);

        assertThat(guard.beforeSend(true, true)).isEqualTo(Verdict.CUT_OFF);
        assertThat(guard.beforeSend(true, true)).isEqualTo(Verdict.DROP);
    }
}
