package com.medsync.realtime.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class SpreadTest {

    @Test
    void theMedianOfThreeRunsIsTheMiddleOneAndTheSpreadKeepsRunOrder() {
        Spread spread = Spread.of(List.of(12.0, 10.0, 11.0));

        assertThat(spread.median()).isEqualTo(11.0);
        assertThat(spread.format("%.1f")).isEqualTo("11.0 (10.0–12.0: 12.0, 10.0, 11.0)");
    }

    @Test
    void aRunThatMeasuredNothingIsLeftOutOfTheMedianButShown() {
        Spread spread = Spread.of(List.of(4.0, Double.NaN, 2.0));

        assertThat(spread.median()).isEqualTo(3.0);
        assertThat(spread.format("%.0f")).isEqualTo("3 (2–4: 4, n/a, 2)");
    }

    @Test
    void aUnitFollowsTheMedianAndEqualRunsAreSaidOnce() {
        assertThat(Spread.of(List.of(2.0, 3.0, 1.0)).format("%.1f", "x")).isEqualTo("2.0x (1.0–3.0: 2.0, 3.0, 1.0)");
        assertThat(Spread.of(List.of(0.0, 0.0, 0.0)).format("%.0f")).isEqualTo("0 (all 3 runs)");
    }

    @Test
    void ratiosAreTakenWithinEachRun() {
        Spread ratios = Spread.ratios(Spread.of(List.of(10.0, 30.0, 20.0)), Spread.of(List.of(20.0, 30.0, 80.0)));

        assertThat(ratios.values()).containsExactly(0.5, 1.0, 0.25);
        assertThat(ratios.median()).isEqualTo(0.5);
    }
}
