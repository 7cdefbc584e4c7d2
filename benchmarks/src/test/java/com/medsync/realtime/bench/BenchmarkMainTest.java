package com.medsync.realtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

    @Test
    void eachRepeatStartsTheShapesWithTheNextServer() {
        List<String> servers = List.of("medsync", "bare", "node");

        assertThat(BenchmarkMain.rotated(servers, 0)).containsExactly("medsync", "bare", "node");
        assertThat(BenchmarkMain.rotated(servers, 1)).containsExactly("bare", "node", "medsync");
        assertThat(BenchmarkMain.rotated(servers, 2)).containsExactly("node", "medsync", "bare");
        assertThat(BenchmarkMain.rotated(servers, 3)).containsExactly("medsync", "bare", "node");
        assertThat(BenchmarkMain.rotated(List.of(), 1)).isEmpty();
    }
}
