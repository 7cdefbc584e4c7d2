package com.medsync.realtime.bench.scenario;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a JFR recording's execution samples: the hottest leaf frames (self time), the application and
 * library methods ({@code com.*}: the platform, netty-socketio, Jackson) most often on the stack, and the share of samples under netty-socketio's packet encoder, which says whether
 * encoding per recipient dominates.
 */
public final class Profile {

    /** @param share of all samples, 0..1 */
    public record Frame(String method, long samples, double share) {
    }

    public record Summary(long samples, List<Frame> selfTop, List<Frame> totalTop, double encoderShare,
            double jacksonWriteShare, double socketWriteShare) {
    }

    private Profile() {
    }

    public static Summary read(Path recording, int top) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        long samples = 0;
        long encoder = 0;
        long jacksonWrite = 0;
        long socketWrite = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                boolean inEncoder = false;
                boolean inJacksonWrite = false;
                boolean inSocketWrite = false;
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    // Framework plumbing (thread run loops, executors) is on every stack and says nothing.
                    if (name.startsWith("com.") && seen.add(name)) {
                        total.merge(name, 1L, Long::sum);
                    }
                    inEncoder |= name.startsWith("com.corundumstudio.socketio.protocol.PacketEncoder.");
                    inJacksonWrite |= name.startsWith("com.fasterxml.jackson.databind.ObjectMapper.write")
                            || name.startsWith("com.fasterxml.jackson.databind.ObjectWriter.write");
                    inSocketWrite |= name.startsWith("sun.nio.ch.SocketDispatcher.write")
                            || name.startsWith("sun.nio.ch.SocketChannelImpl.write");
                }
                encoder += inEncoder ? 1 : 0;
                jacksonWrite += inJacksonWrite ? 1 : 0;
                socketWrite += inSocketWrite ? 1 : 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long all = Math.max(1, samples);
        return new Summary(samples, top(self, all, top), top(total, all, top), encoder / (double) all,
                jacksonWrite / (double) all, socketWrite / (double) all);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Frame> top(Map<String, Long> counts, long all, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(entry -> new Frame(entry.getKey(), entry.getValue(), entry.getValue() / (double) all))
                .collect(Collectors.toList());
    }

}
