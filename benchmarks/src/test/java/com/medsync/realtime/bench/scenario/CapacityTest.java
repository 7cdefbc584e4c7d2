package com.medsync.realtime.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void aLevelThatFitsTheServersDescriptorsIsKept() {
        assertThat(Capacity.fitting(5000, 0, 20000, 60, 32)).isEqualTo(5000);
    }

    @Test
    void aLevelAboveTheServersDescriptorsIsLoweredToTheLargestHundredThatFits() {
        // 5,000 held, 5,070 descriptors open: 14,898 more fit, so 19,800 in all (19,900 would need 14,900 more).
        assertThat(Capacity.fitting(20000, 5000, 20000, 5070, 32)).isEqualTo(19800);
        assertThat(Capacity.fitting(20000, 5000, 20000, 5040, 32)).isEqualTo(19900);
    }

    @Test
    void unknownDescriptorsLeaveTheLevelAsAsked() {
        assertThat(Capacity.fitting(20000, 0, -1, -1, 32)).isEqualTo(20000);
    }
}
