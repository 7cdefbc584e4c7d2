package com.medsync.realtime.it.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static com.medsync.realtime.it.hardening.FuzzInputs.pick;
import static com.medsync.realtime.it.hardening.FuzzInputs.randomFor;

/**
 * The fuzzed Socket.IO frames of the hardening fuzz: what {@link FuzzE2ETest} sends over WebSocket and in polling
 * bodies, and what {@link DeafWebSocketHunt} sends again to reproduce one batch. A batch is a function of the seed,
 * its index and the tokens it may pick from, so a reported batch can be replayed exactly.
 */
final class FuzzFrames {

    static final String NS = "/patient-pharmacy";
    static final int FRAMES_PER_BATCH = 20;

    static final List<String> CORPUS = List.of(
            "42" + NS + ",[\"join\",{\"room\":\"chat:room_1\"}]",
            "42" + NS + ",7[\"join\",{\"room\":\"pharmacy:p1\"}]",
            "42" + NS + ",8[\"leave\",{\"room\":\"user:fuzz_1\"}]",
            "42" + NS + ",9[\"join\",{\"room\":\"dispatch:" + "d".repeat(128) + "\"}]",
            "42" + NS + ",10[\"join\",{\"room\":7}]",
            "42" + NS + ",11[\"join\"]",
            "42" + NS + ",12[\"join\",\"chat:x\",{\"room\":\"chat:x\"}]",
            "42" + NS + ",13[\"unknown:event\",{\"a\":[1,2,{\"b\":null}]}]",
            "42" + NS + ",[\"chat:typing\",{\"roomId\":\"r\",\"isTyping\":true}]",
            "42" + NS + ",999999999999999[\"leave\",{\"room\":\"chat:room_1\"}]",
            "43" + NS + ",1[]",
            "40" + NS + ",{\"token\":\"not-a-jwt\"}",
            "40" + NS + ",{\"token\":12}",
            "40/nowhere,{\"token\":\"x\"}",
            "40/nowhere,",
            "41/nowhere,",
            "2",
            "3",
            "6",
            "2probe");

    /**
     * One WebSocket batch: a valid CONNECT, the fuzzed frames, then a sentinel event whose ack proves that the
     * server handled everything before it (unless it closed the connection first).
     *
     * @param fuzz the fuzzed frames alone, for reports
     */
    record WebSocketBatch(int index, List<String> frames, List<String> fuzz, String sentinelId) {

        /** @return whether a frame from the server is the sentinel's ack */
        Predicate<String> sentinelAnswer() {
            String prefix = "43" + NS + "," + sentinelId + "[";
            return frame -> frame.startsWith(prefix);
        }
    }

    private FuzzFrames() {
    }

    static WebSocketBatch webSocketBatch(long seed, int index, List<String> tokens) {
        SplittableRandom random = randomFor(seed, index);
        String sub = "fuzz_" + random.nextInt(tokens.size());
        List<String> frames = new ArrayList<>();
        frames.add("40" + NS + ",{\"token\":\"" + token(random, tokens) + "\"}");
        List<String> fuzz = batch(random, FRAMES_PER_BATCH);
        frames.addAll(fuzz);
        String sentinelId = String.valueOf(100_000 + index);
        frames.add("42" + NS + "," + sentinelId + "[\"leave\",{\"room\":\"user:" + sub + "\"}]");
        return new WebSocketBatch(index, List.copyOf(frames), List.copyOf(fuzz), sentinelId);
    }

    static String token(SplittableRandom random, List<String> tokens) {
        return tokens.get(random.nextInt(tokens.size()));
    }

    /** {@code count} frames of the corpus, some mutated, some random text. */
    static List<String> batch(SplittableRandom random, int count) {
        List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String base = pick(random, CORPUS);
            int roll = random.nextInt(100);
            String frame;
            if (roll < 12) {
                frame = FuzzInputs.mutate(random, base, CORPUS, 2_000);
            } else if (roll < 14) {
                frame = "4" + FuzzInputs.randomString(random, 40);
            } else if (roll < 15) {
                frame = FuzzInputs.randomString(random, 40);
            } else {
                frame = base;
            }
            frames.add(FuzzInputs.wellFormed(frame));
        }
        return frames;
    }
}
