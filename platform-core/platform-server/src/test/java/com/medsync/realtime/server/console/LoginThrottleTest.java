package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(1), clock);

    @Test
    void fiveFailuresInAMinuteRefuseTheAddressUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.refusal("10.0.0.1")).as("attempt " + (i + 1)).isEmpty();
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }

        // Failures at 0, 10, 20, 30, 40 s; now 50 s: the first leaves the window at 60 s.
        assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.refusal("10.0.0.1")).as("one try more, as the sliding window allows").isEmpty();
        throttle.failed("10.0.0.1");
        assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofSeconds(10));
    }

    @Test
    void addressesAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.refusal("10.0.0.1")).isPresent();
        assertThat(throttle.refusal("10.0.0.2")).isEmpty();
    }

    @Test
    void aSuccessfulLoginForgetsTheAddressesFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }

        throttle.succeeded("10.0.0.1");
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.refusal("10.0.0.1")).isEmpty();
    }

    @Test
    void manyAddressesDoNotGrowMemoryWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 500; i++) {
            throttle.failed("10.1." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.addressesRemembered()).isLessThanOrEqualTo(LoginThrottle.MAX_ADDRESSES);

        clock.advance(Duration.ofMinutes(2));
        throttle.failed("192.168.0.1");

        assertThat(throttle.addressesRemembered()).as("expired addresses go first").isEqualTo(1);
    }

    @Test
    void ipv6AddressesAreCountedByTheirSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1));
        }

        assertThat(throttle.refusal("2001:db8:1:2:ffff:ffff:ffff:ffff")).as("another address of the same /64")
                .isPresent();
        assertThat(throttle.refusal("2001:db8:1:3:0:0:0:1")).as("the next /64").isEmpty();
    }
}
