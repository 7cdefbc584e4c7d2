package com.medsync.realtime.bench.scenario;

/**
 * One load shape of the matrix: which generator, how many sockets and recipients per event, and how the
 * events are offered: at a fixed rate (open loop: cold, warm-up, warm) or by closed-loop callers (warm-up,
 * warm). Every server gets the same shape, in a process of its own started for it.
 *
 * @param generator {@code java} (SocketFleet and Publisher in the harness) or {@code node} (loadgen.js)
 * @param publishesPerS the open-loop rate of the cold and warm phases; 0 for closed loop
 * @param warmUpPublishesPerS the warm-up's rate (open loop): it only has to run the same code as often, and a
 *     higher rate keeps the run short; the warm phase starts once its last delivery arrived
 * @param concurrency closed-loop callers; 0 for open loop
 * @param coldEvents the first events of the fresh process, measured as "cold" (0: no cold measurement)
 * @param medsyncPhase the migration phase MedSync starts in
 */
public record Shape(String generator, int sockets, int recipients, double publishesPerS, double warmUpPublishesPerS,
        int concurrency,
        int coldEvents, int warmUpEvents, int warmEvents, long drainMillis, String medsyncPhase) {

    public Shape {
        if (sockets % recipients != 0) {
            throw new IllegalArgumentException(sockets + " sockets do not split into rooms of " + recipients);
        }
        if ((publishesPerS > 0) == (concurrency > 0)) {
            throw new IllegalArgumentException("a shape has either a rate or closed-loop callers");
        }
        if (concurrency > 0 && !generator.equals("node")) {
            throw new IllegalArgumentException("closed loop is the node generator's");
        }
    }

    public int rooms() {
        return sockets / recipients;
    }

    public boolean closedLoop() {
        return concurrency > 0;
    }

    /** @return e.g. {@code java_100r}, or {@code node_100r_closed16} */
    public String name() {
        return generator + "_" + recipients + "r" + (closedLoop() ? "_closed" + concurrency : "");
    }

    /** @return the key of one measurement in latest.json: {@code java_100r_cold}, {@code node_100r_warm_closed16} */
    public String key(String state) {
        return generator + "_" + recipients + "r_" + state + (closedLoop() ? "_closed" + concurrency : "");
    }

    /** @return for people: "Java generator, 100 recipients (2,000 sockets in 20 rooms), 200 publishes/s" */
    public String describe() {
        String load = closedLoop() ? concurrency + " closed-loop HTTP callers"
                : String.format("%,.0f publishes/s (%,.0f deliveries/s)", publishesPerS, publishesPerS * recipients);
        return String.format("%s generator, %d recipients per event (%,d sockets in %,d rooms), %s%s",
                generator.equals("java") ? "Java" : "Node.js `ws`", recipients, sockets, rooms(), load,
                medsyncPhase.equals("week1") ? "" : ", MedSync in phase " + medsyncPhase);
    }
}
