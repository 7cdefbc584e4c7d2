package com.medsync.realtime.bench.load;

/**
 * How the benchmark's sockets are spread over pharmacy rooms: socket {@code i} is staff member
 * {@code staff_i} of pharmacy {@code i % rooms}, and publish {@code seq} goes to pharmacy {@code seq % rooms},
 * so every publish reaches the same number of sockets and the expected deliveries are known exactly.
 */
public record Audience(int sockets, int rooms) {

    public Audience {
        if (sockets < rooms || rooms < 1) {
            throw new IllegalArgumentException("need at least one socket per room: " + sockets + " sockets, " + rooms + " rooms");
        }
    }

    public static String pharmacyId(int room) {
        return "ph_" + room;
    }

    public static String staffSubject(int socket) {
        return "staff_" + socket;
    }

    public int roomOfSocket(int socket) {
        return socket % rooms;
    }

    public int roomOfPublish(long seq) {
        return (int) (seq % rooms);
    }

    /** @return how many sockets are in {@code room} */
    public int roomSize(int room) {
        return sockets / rooms + (room < sockets % rooms ? 1 : 0);
    }

    /** @return the mean number of sockets one publish reaches */
    public double fanOut() {
        return (double) sockets / rooms;
    }
}
