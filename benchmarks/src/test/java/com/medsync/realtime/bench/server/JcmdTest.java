package com.medsync.realtime.bench.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcmdTest {

    @Test
    void g1ReportsItsWholeHeapOnOneLine() {
        String info = """
                4242:
                 garbage-first heap   total 524288K, used 12345K [0x00000000e0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 20617K, committed 20864K, reserved 1114112K
                """;

        assertThat(Jcmd.heapUsedBytes(info)).isEqualTo(12345L * 1024);
    }

    @Test
    void theThroughputCollectorReportsEachGeneration() {
        String info = """
                31022:
                 PSYoungGen      total 153088K, used 2631K [0x00000000eab00000, 0x00000000f5580000, 0x0000000100000000)
                  eden space 131584K, 2% used [0x00000000eab00000,0x00000000ead91ee8,0x00000000f2b80000)
                  from space 21504K, 0% used [0x00000000f2b80000,0x00000000f2b80000,0x00000000f4080000)
                 ParOldGen       total 349696K, used 7667K [0x00000000c0000000, 0x00000000d5580000, 0x00000000eab00000)
                  object space 349696K, 2% used [0x00000000c0000000,0x00000000c077cce8,0x00000000d5580000)
                 Metaspace       used 20617K, committed 20864K, reserved 1114112K
                """;

        assertThat(Jcmd.heapUsedBytes(info)).isEqualTo((2631L + 7667L) * 1024);
    }

    @Test
    void shenandoahReportsItsWholeHeapWithAUnitOfItsChoice() {
        String info = """
                17595:
                Shenandoah Heap
                 1024M max, 1024M soft max, 512M committed, 8704K used
                 2048 x 512K regions
                Status: not cancelled
                """;

        assertThat(Jcmd.heapUsedBytes(info)).isEqualTo(8704L * 1024);
        assertThat(Jcmd.heapUsedBytes(info.replace("8704K used", "171M used"))).isEqualTo(171L * 1024 * 1024);
    }

    @Test
    void anAnswerWithoutAHeapIsAnError() {
        assertThatThrownBy(() -> Jcmd.heapUsedBytes("4242:\nNo such process\n"))
                .hasMessageContaining("no heap figure");
    }
}
