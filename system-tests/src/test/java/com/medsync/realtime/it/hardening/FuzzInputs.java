package com.medsync.realtime.it.hardening;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded mutation generator of the hardening fuzz tests: every input is a function of a seed and an
 * index ({@link #randomFor}), so a reported input can be generated again exactly.
 */
final class FuzzInputs {

    static final String STRUCTURAL = "0123456789/,[]{}\"-:.\\ \t\n";
    static final String[] UNICODE = {
        "\u00e9", "\u0000", "\u001e", "\u007f", "\u0660", "\uff10", "\u00b2", "\u2028", "\ufeff", "\ud83d\ude00",
        "\uffff", "\u202e", "\u0085", "%", "%00", "&", "=", "?", "#", "+"
    };

    private FuzzInputs() {
    }

    static SplittableRandom randomFor(long seed, long index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L)));
    }

    static String pick(SplittableRandom random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** 1 to 4 mutations of {@code base}, splicing with {@code corpus}. */
    static String mutate(SplittableRandom random, String base, List<String> corpus, int maxRun) {
        StringBuilder text = new StringBuilder(base);
        int mutations = 1 + random.nextInt(random.nextInt(4) == 0 ? 4 : 2);
        for (int m = 0; m < mutations; m++) {
            mutateOnce(random, text, corpus, maxRun);
        }
        return text.toString();
    }

    private static void mutateOnce(SplittableRandom random, StringBuilder text, List<String> corpus, int maxRun) {
        int length = text.length();
        int at = random.nextInt(length + 1);
        switch (random.nextInt(11)) {
            case 0 -> {
                if (length > 0) {
                    int i = random.nextInt(length);
                    char flipped = (char) (text.charAt(i) ^ (1 << random.nextInt(7)));
                    text.setCharAt(i, flipped);
                }
            }
            case 1 -> text.insert(at, STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length())));
            case 2 -> {
                if (length > 0) {
                    int from = random.nextInt(length);
                    text.delete(from, Math.min(length, from + 1 + random.nextInt(random.nextInt(4) == 0 ? length : 3)));
                }
            }
            case 3 -> {
                String other = pick(random, corpus);
                int cut = random.nextInt(other.length() + 1);
                text.setLength(Math.min(at, text.length()));
                text.append(other, cut, other.length());
            }
            case 4 -> {
                char c = "0123456/,[{\"-9".charAt(random.nextInt(14));
                text.insert(at, String.valueOf(c).repeat(1 + random.nextInt(random.nextInt(8) == 0 ? Math.max(1, maxRun) : 6)));
            }
            case 5 -> text.insert(at, UNICODE[random.nextInt(UNICODE.length)]);
            case 6 -> {
                int n = 10 + random.nextInt(random.nextInt(4) == 0 ? Math.max(1, maxRun) : 200);
                String run = switch (random.nextInt(5)) {
                    case 0 -> "9".repeat(n);
                    case 1 -> "/" + "a".repeat(n);
                    case 2 -> "[".repeat(n);
                    case 3 -> "{\"a\":".repeat(n);
                    default -> "\"" + "x".repeat(n) + "\"";
                };
                text.insert(at, run);
            }
            case 7 -> {
                if (length > 0) {
                    text.setCharAt(random.nextInt(length), STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length())));
                }
            }
            case 8 -> {
                if (length > 0) {
                    int from = random.nextInt(length);
                    text.insert(at, text.substring(from, Math.min(length, from + 1 + random.nextInt(8))));
                }
            }
            case 9 -> text.setLength(Math.min(at, text.length()));
            default -> text.insert(at, switch (random.nextInt(6)) {
                case 0 -> "-1";
                case 1 -> String.valueOf(Long.MAX_VALUE);
                case 2 -> "1e999";
                case 3 -> "null";
                case 4 -> "9".repeat(15 + random.nextInt(3));
                default -> String.valueOf(random.nextLong());
            });
        }
    }

    /** Random characters, mostly of the protocol's alphabet. Surrogates are left out (see {@link #wellFormed}). */
    static String randomString(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) random.nextInt(0xd800));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> text.append(UNICODE[random.nextInt(UNICODE.length)]);
                default -> text.append(STRUCTURAL.charAt(random.nextInt(STRUCTURAL.length())));
            }
        }
        return text.toString();
    }

    /** Replaces lone surrogates, which the JDK WebSocket client cannot encode (raw HTTP bodies keep them). */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (lone) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? text : out.toString();
    }

    static String quote(String input) {
        if (input == null) {
            return "null";
        }
        String shown = input.length() > 400 ? input.substring(0, 200) + "...(" + input.length() + " chars)..."
                + input.substring(input.length() - 200) : input;
        StringBuilder out = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
