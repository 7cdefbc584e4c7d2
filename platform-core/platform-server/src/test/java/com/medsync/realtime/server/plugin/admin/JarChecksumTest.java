package com.medsync.realtime.server.plugin.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JarChecksumTest {

    private static final byte[] JAR = "not really a jar, but bytes all the same".getBytes(StandardCharsets.UTF_8);

    @Test
    void theChecksumIsTheSha256InLowercaseHex() {
        assertThat(JarChecksum.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aFileHasTheChecksumOfItsBytes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("x.jar"), JAR);

        assertThat(JarChecksum.of(file)).isEqualTo(JarChecksum.of(JAR));
    }

    @Test
    void theBytesThatWerePublishedMatch() {
        assertThat(JarChecksum.mismatch(JarChecksum.of(JAR), JAR)).isEmpty();
        assertThat(JarChecksum.mismatch(JarChecksum.of(JAR).toUpperCase(), JAR)).isEmpty();
    }

    @Test
    void alteredBytesAreAMismatchNamingBothChecksums() {
        String expected = JarChecksum.of(JAR);
        byte[] altered = JAR.clone();
        altered[3] ^= 1;

        assertThat(JarChecksum.mismatch(expected, altered))
                .contains("checksum mismatch: expected " + expected + " got " + JarChecksum.of(altered));
    }
}
