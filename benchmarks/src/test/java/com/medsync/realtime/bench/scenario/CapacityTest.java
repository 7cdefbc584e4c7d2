package com.medsync.realtime.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void aLevelThatFitsTheServersDescriptorsIsKept() {
        assertThat(Capacity.fitting(5000, 0, 20000, 60, 32)).isEqualTo(5000);
    }

    @Test
    void aLevelAboveTheServersDescriptorsIsLoweredToTheLargestTenThatFits() {
        // 5,000 held, 5,081 descriptors open, 32 kept free: 14,887 more fit, so 19,880 in all.
        assertThat(Capacity.fitting(20000, 5000, 20000, 5081, 32)).isEqualTo(19880);
        assertThat(Capacity.fitting(20000, 5000, 20000, 5040, 32)).isEqualTo(19920);
    }

    @Test
    void unknownDescriptorsLeaveTheLevelAsAsked() {
        assertThat(Capacity.fitting(20000, 0, -1, -1, 32)).isEqualTo(20000);
    }
}
