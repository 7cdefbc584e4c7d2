package com.medsync.realtime.server.delivery;

import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.socket.SocketSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recovering socket's hold on live delivery: while its missed events are replayed, the events this node
 * delivers to it wait here, so none overtakes the replay; on release, the ones the replay already carried
 * are dropped and the rest go out in order. Guarded by the {@link LocalDelivery} that created it.
 */
public final class CatchUp {

    private final SocketSession socket;
    /** The last offset this node had delivered when the hold started. */
    private final Optional<String> deliveredAtStart;
    /** Every offset this node delivered since the hold started, in order. */
    private final List<String> passed = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    /** Set once released behind the replay: every delivery is dropped until this offset has passed. */
    private String skippingThrough;
    private Optional<String> beforeFirstReplayed = Optional.empty();
    private boolean replayedAny;

    CatchUp(SocketSession socket, Optional<String> deliveredAtStart) {
        this.socket = socket;
        this.deliveredAtStart = deliveredAtStart;
    }

    public SocketSession socket() {
        return socket;
    }

    /** An event for this socket arrived while held (called before {@link #passed} for the same offset). */
    void offer(String offset, Optional<String> previous, List<EncodedPacket> packets) {
        if (skippingThrough == null) {
            held.add(new Held(passed.size(), offset, previous, packets));
        }
    }

    /**
     * This node delivered an offset (to whichever sockets).
     *
     * @return true when the hold is over: the socket now gets deliveries directly
     */
    boolean passed(String offset) {
        if (skippingThrough != null) {
            return skippingThrough.equals(offset);
        }
        passed.add(offset);
        return false;
    }

    /** The replay sent an event to the socket; {@code previous} is the offset before it in the log. */
    void replayed(Optional<String> previous) {
        if (!replayedAny) {
            replayedAny = true;
            beforeFirstReplayed = previous;
        }
    }

    boolean replayedAny() {
        return replayedAny;
    }

    Optional<String> beforeFirstReplayed() {
        return beforeFirstReplayed;
    }

    /**
     * Ends the hold behind a replay that carried every event up to {@code replayedThrough}.
     *
     * @return the held events to send now, in order; empty (and still holding) when this node has not yet
     *     delivered {@code replayedThrough} (it lags behind the shared log): then what it delivers up to that
     *     offset is dropped as already replayed, and the hold ends once it passes
     */
    Optional<List<Held>> release(String replayedThrough) {
        int through;
        if (deliveredAtStart.isPresent() && deliveredAtStart.get().equals(replayedThrough)) {
            through = -1;
        } else {
            through = passed.indexOf(replayedThrough);
            if (through < 0) {
                skippingThrough = replayedThrough;
                held.clear();
                return Optional.empty();
            }
        }
        int after = through;
        return Optional.of(held.stream().filter(entry -> entry.position() > after).toList());
    }

    @Override
    public String toString() {
        return "hold of " + socket + " (delivered at start " + deliveredAtStart.orElse("nothing") + ", passed "
                + passed + ", held " + held.stream().map(Held::offset).toList()
                + (skippingThrough != null ? ", skipping through " + skippingThrough : "") + ")";
    }

    /** A delivery held back: its position among the offsets passed, and what it sends. */
    record Held(int position, String offset, Optional<String> previous, List<EncodedPacket> packets) {
    }
}
