package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.delivery.Broker;
import com.medsync.realtime.server.delivery.BrokerUnavailableException;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cluster's broker: one Redis stream ({@code <prefix>events}) is the log of every accepted event. A
 * publish is one {@code XADD}, which also trims entries older than the retention ({@code MINID}; exact, so that
 * an offset is either held with everything after it or known to be gone). The retention is counted on Redis's
 * clock, which the ids carry, not on the node's ({@link RedisTime}).
 * Each node reads the stream on one thread with {@code XREAD BLOCK} from where it started, and delivers every
 * entry to its own sockets in stream order, including the entries it added itself; the stream id is the
 * offset. While Redis is unreachable the reader retries with backoff and then continues from the last id it
 * delivered, so nothing accepted by Redis in between is skipped.
 */
public final class RedisBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    /** How long one blocking read waits for new entries. */
    static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int READ_BATCH = 512;
    private static final String FIELD = "event";
    /** Where reading a stream that holds nothing yet starts: before every id Redis can assign. */
    private static final String ORIGIN = "0-0";
    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
    /** How often the trim's reading of Redis's clock is renewed. */
    private static final Duration REDIS_TIME_REFRESH = Duration.ofMinutes(1);

    private final RedisLink redis;
    private final LocalDelivery delivery;
    private final EventCodec codec;
    private final Duration retention;
    private final RedisTime redisTime;
    private final String stream;
    private final Thread reader;
    private volatile String lastDelivered;
    private volatile boolean closed;

    public RedisBroker(RedisLink redis, LocalDelivery delivery, ObjectMapper mapper, Clock clock) {
        this.redis = redis;
        this.delivery = delivery;
        this.codec = new EventCodec(mapper);
        this.retention = redis.settings().eventRetention();
        this.redisTime = new RedisTime(() -> RedisTime.millisOf(redis.commands().time()), clock, REDIS_TIME_REFRESH);
        this.stream = redis.key("events");
        this.reader = new Thread(this::readLoop, "medsync-redis-events");
        reader.setDaemon(true);
    }

    /** Starts reading at the stream's current end; call once Redis is connected. */
    public void start() {
        reader.start();
    }

    @Override
    public void publish(OutboundEvent event) {
        try {
            String oldest = Math.max(0, redisTime.millis() - retention.toMillis()) + "-0";
            redis.commands().xadd(stream, XAddArgs.Builder.minId(oldest),
                    Map.of(FIELD, codec.encode(event)));
        } catch (StoreUnavailableException e) {
            throw new BrokerUnavailableException(e.getMessage(), e);
        } catch (RedisException e) {
            throw new BrokerUnavailableException(redis.unavailable(e).getMessage(), e);
        }
    }

    @Override
    public Optional<List<SequencedEvent>> eventsAfter(String offset) {
        if (offset == null || !STREAM_ID.matcher(offset).matches()) {
            return Optional.empty();
        }
        try {
            RedisCommands<String, String> commands = redis.commands();
            // The offset itself must still be held: then nothing after it has been trimmed. The origin of a
            // stream that was empty is held by none, so there the stream must never have lost an entry.
            boolean intactAfter = ORIGIN.equals(offset) ? neverTrimmed(commands)
                    : !commands.xrange(stream, Range.create(offset, offset), Limit.from(1)).isEmpty();
            if (!intactAfter) {
                return Optional.empty();
            }
            List<SequencedEvent> events = new ArrayList<>();
            for (StreamMessage<String, String> message : commands.xrange(stream,
                    Range.from(Range.Boundary.excluding(offset), Range.Boundary.unbounded()))) {
                decode(message).ifPresent(events::add);
            }
            return Optional.of(events);
        } catch (StoreUnavailableException | RedisException e) {
            log.warn("Cannot read the event stream after {}: {}", offset, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> lastOffset() {
        try {
            return newest(redis.commands());
        } catch (StoreUnavailableException | RedisException e) {
            return Optional.ofNullable(lastDelivered);
        }
    }

    /** @return the offset of the last entry this node delivered from the stream, if any */
    public Optional<String> lastDelivered() {
        return Optional.ofNullable(lastDelivered);
    }

    /**
     * How far this node's reader is behind the stream, read on the shared connection; empty before the reader
     * started (it has no position yet).
     *
     * @throws RedisException when Redis does not answer
     */
    Optional<StreamLag> lag() {
        String delivered = lastDelivered;
        if (delivered == null) {
            return Optional.empty();
        }
        RedisCommands<String, String> commands = redis.commands();
        List<StreamMessage<String, String>> after = commands.xrange(stream,
                Range.from(Range.Boundary.excluding(delivered), Range.Boundary.unbounded()),
                Limit.from(StreamLag.COUNT_CAP + 1));
        return Optional.of(StreamLag.of(RedisTime.millisOf(commands.time()),
                after.isEmpty() ? Optional.empty() : Optional.of(after.get(0).getId()), after.size()));
    }

    /** Whether no entry was ever removed from the stream: it holds every entry ever added (Redis 7). */
    private boolean neverTrimmed(RedisCommands<String, String> commands) {
        List<Object> info;
        try {
            info = commands.xinfoStream(stream);
        } catch (RedisCommandExecutionException e) {
            // No such key: nothing was ever published, so nothing is missing.
            return true;
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < info.size(); i += 2) {
            fields.put(String.valueOf(info.get(i)), String.valueOf(info.get(i + 1)));
        }
        // A Redis before 7.0 does not count what was added: the origin cannot be trusted there.
        String added = fields.get("entries-added");
        return added != null && added.equals(fields.get("length"));
    }

    private Optional<String> newest(RedisCommands<String, String> commands) {
        List<StreamMessage<String, String>> last = commands.xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0).getId());
    }

    private void readLoop() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), redis.settings().reconnectMaxDelay());
        boolean failing = false;
        while (!closed) {
            try {
                RedisCommands<String, String> commands = redis.streamReader()
                        .orElseThrow(() -> redis.unavailable(null));
                if (lastDelivered == null) {
                    lastDelivered = newest(commands).orElse(ORIGIN);
                    // Recovery: a socket whose first event is this node's first delivery resumes from here.
                    delivery.startsAfter(lastDelivered);
                    log.info("Reading the cluster's event stream {} after {}", stream, lastDelivered);
                }
                List<StreamMessage<String, String>> messages = commands.xread(
                        XReadArgs.Builder.block(BLOCK).count(READ_BATCH),
                        XReadArgs.StreamOffset.from(stream, lastDelivered));
                if (failing) {
                    log.info("Reading the cluster's event stream again after {}", lastDelivered);
                    failing = false;
                    backoff.reset();
                }
                if (!messages.isEmpty()) {
                    deliver(messages);
                    lastDelivered = messages.get(messages.size() - 1).getId();
                }
            } catch (StoreUnavailableException | RedisException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn("Cannot read the cluster's event stream: {}; retrying with backoff", e.getMessage());
                    failing = true;
                }
                if (!backoff.pause()) {
                    return;
                }
            } catch (RuntimeException e) {
                // Unexpected: said loudly, and retried like an outage rather than ending cross-node delivery.
                log.error("Reading the cluster's event stream failed", e);
                if (closed || !backoff.pause()) {
                    return;
                }
            }
        }
    }

    /**
     * Delivers what one read brought as one batch (a socket sent several of its events gets them in one write).
     * A failure to deliver is logged and passed over: it must not stop the reading.
     */
    private void deliver(List<StreamMessage<String, String>> messages) {
        List<SequencedEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            decode(message).ifPresent(events::add);
        }
        try {
            delivery.deliverAll(events);
        } catch (RuntimeException e) {
            log.error("Delivering stream entries {} to {} to this node's sockets failed", messages.get(0).getId(),
                    messages.get(messages.size() - 1).getId(), e);
        }
    }

    /** Delivers an event to this node's sockets only, at the offset of the last event delivered from the log. */
    void deliverLocally(OutboundEvent event) {
        delivery.deliver(new SequencedEvent(lastDelivered == null ? "0-0" : lastDelivered, event));
    }

    private Optional<SequencedEvent> decode(StreamMessage<String, String> message) {
        String encoded = message.getBody().get(FIELD);
        try {
            return Optional.of(new SequencedEvent(message.getId(), codec.decode(encoded == null ? "" : encoded)));
        } catch (IllegalArgumentException e) {
            log.warn("Skipping stream entry {} that is not an event: {}", message.getId(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
