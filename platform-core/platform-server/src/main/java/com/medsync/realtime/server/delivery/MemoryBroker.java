package com.medsync.realtime.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;

/**
 * The single-node broker: an accepted event gets the next offset of an in-memory log and is handed to this
 * node's delivery (on the server, a {@link DeliveryThread}). Sequencing and the hand-over happen under one lock,
 * so events reach delivery in offset order even when several threads publish at once; a delivery thread's
 * publisher then delivers what waits itself, outside that lock, when nobody else is delivering.
 */
public final class MemoryBroker implements Broker {

    private final Consumer<SequencedEvent> handOver;
    private final Runnable afterHandOver;
    private final RetainedEvents log;
    private final Object sequencing = new Object();

    /**
     * @param deliveries this node's delivery: the publishing thread queues its event there and then delivers
     *                   what waits, unless another thread is delivering ({@link DeliveryThread#deliverWaiting})
     * @param retention  how long events stay replayable for connection state recovery
     * @param maxEvents  how many events stay replayable at most (0: none, recovery off)
     */
    public MemoryBroker(DeliveryThread deliveries, Duration retention, int maxEvents, Clock clock) {
        this(deliveries::queue, deliveries::deliverWaiting, retention, maxEvents, clock);
    }

    /**
     * @param delivery  this node's delivery, called under the sequencing lock ({@link LocalDelivery#deliver})
     * @param retention how long events stay replayable for connection state recovery
     * @param maxEvents how many events stay replayable at most (0: none, recovery off)
     */
    public MemoryBroker(Consumer<SequencedEvent> delivery, Duration retention, int maxEvents, Clock clock) {
        this(delivery, () -> { }, retention, maxEvents, clock);
    }

    private MemoryBroker(Consumer<SequencedEvent> handOver, Runnable afterHandOver, Duration retention, int maxEvents,
            Clock clock) {
        this.handOver = handOver;
        this.afterHandOver = afterHandOver;
        this.log = new RetainedEvents(retention, maxEvents, clock);
    }

    @Override
    public void publish(OutboundEvent event) {
        RetainedEvents.Pending pending = log.prepare(event);
        synchronized (sequencing) {
            handOver.accept(log.append(pending));
        }
        afterHandOver.run();
    }

    @Override
    public Optional<List<SequencedEvent>> eventsAfter(String offset) {
        return log.after(offset);
    }

    @Override
    public Optional<String> lastOffset() {
        return log.last();
    }

    /**
     * The offset before this broker's first event, where a node's delivery starts ({@link
     * LocalDelivery#startsAfter}); replaying after it gives every event while the first is still held.
     */
    public String origin() {
        return log.origin();
    }

    /** @return how many events are held for replay right now */
    public int heldEvents() {
        return log.size();
    }
}
