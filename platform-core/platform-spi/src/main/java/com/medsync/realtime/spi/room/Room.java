package com.medsync.realtime.spi.room;

import java.util.Objects;
import java.util.Optional;

/**
 * A room name of the MedSync contract: {@code kind:id}, with kind one of {@code pharmacy}, {@code chat},
 * {@code dispatch} or {@code user} and id matching {@code [A-Za-z0-9_-]{1,128}}. Anything else is not a
 * room, so a policy never sees a name it would have to parse defensively.
 *
 * @param kind the part before the colon
 * @param id   the part after the colon
 */
public record Room(Kind kind, String id) {

    private static final int MAX_ID_LENGTH = 128;

    /** The kinds of room the contract defines. */
    public enum Kind {
        PHARMACY("pharmacy"),
        CHAT("chat"),
        DISPATCH("dispatch"),
        USER("user");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** @return the name before the colon, such as {@code pharmacy} */
        public String prefix() {
            return prefix;
        }
    }

    public Room {
        Objects.requireNonNull(kind, "kind");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("room id must match [A-Za-z0-9_-]{1,128}: " + id);
        }
    }

    /** @return the room for a full name such as {@code pharmacy:pharmacy_123}, or empty when it is not one */
    public static Optional<Room> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int colon = name.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String prefix = name.substring(0, colon);
        String id = name.substring(colon + 1);
        if (!isValidId(id)) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                return Optional.of(new Room(kind, id));
            }
        }
        return Optional.empty();
    }

    /** @return whether a string is a valid room id ({@code [A-Za-z0-9_-]{1,128}}) */
    public static boolean isValidId(String id) {
        // A loop rather than a regular expression: every published event and every join checks ids.
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static Room user(String id) {
        return new Room(Kind.USER, id);
    }

    public static Room pharmacy(String id) {
        return new Room(Kind.PHARMACY, id);
    }

    public static Room chat(String id) {
        return new Room(Kind.CHAT, id);
    }

    public static Room dispatch(String id) {
        return new Room(Kind.DISPATCH, id);
    }

    /** @return the full name, {@code kind:id} */
    public String name() {
        return kind.prefix + ":" + id;
    }

    @Override
    public String toString() {
        return name();
    }
}
