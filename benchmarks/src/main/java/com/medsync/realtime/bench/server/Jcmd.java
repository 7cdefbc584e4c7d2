package com.medsync.realtime.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code jcmd} against a server JVM: full GC and heap figures, flight recordings. */
public final class Jcmd {

    /**
     * What each of the heap's parts has in use: G1 prints one line for its whole heap ("garbage-first heap total
     * ...K, used ...K"), the throughput and serial collectors one per generation (PSYoungGen and ParOldGen, ...).
     * Shenandoah's line has its own shape ({@link #SHENANDOAH_USED}).
     */
    private static final Pattern HEAP_USED = Pattern.compile("total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    /** Shenandoah's one line for its whole heap: "1024M max, 1024M soft max, 512M committed, 8704K used". */
    private static final Pattern SHENANDOAH_USED = Pattern.compile("committed,\\s+(\\d+)([BKMG])\\s+used");

    private Jcmd() {
    }

    /** @return heap in use right after a full GC, in bytes */
    static long heapAfterGc(long pid) {
        run(pid, "GC.run");
        return heapUsedBytes(run(pid, "GC.heap_info"));
    }

    /** @return the heap in use that a {@code jcmd GC.heap_info} answer reports, in bytes */
    static long heapUsedBytes(String info) {
        Matcher used = HEAP_USED.matcher(info);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        if (found) {
            return kilobytes * 1024;
        }
        Matcher shenandoah = SHENANDOAH_USED.matcher(info);
        if (shenandoah.find()) {
            int shift = "BKMG".indexOf(shenandoah.group(2)) * 10;
            return Long.parseLong(shenandoah.group(1)) << shift;
        }
        throw new IllegalStateException("no heap figure in jcmd GC.heap_info:\n" + info);
    }

    public static void startRecording(long pid, Path file) {
        run(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    public static void stopRecording(long pid) {
        run(pid, "JFR.stop", "name=bench");
    }

    static String run(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(jcmd(), String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return beside.toFile().canExecute() ? beside.toString() : "jcmd";
    }
}
