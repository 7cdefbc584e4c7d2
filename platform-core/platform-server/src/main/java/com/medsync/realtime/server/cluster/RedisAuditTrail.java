package com.medsync.realtime.server.cluster;

import com.medsync.realtime.server.console.AuditHistory;
import com.medsync.realtime.server.console.AuditTrail;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's audit trail: every admin change recorded on any node is appended to the Redis stream
 * {@code <prefix>audit}, naming that node, so {@code GET /admin/audit} on every node shows the changes made
 * through all of them, and they outlive a restart.
 *
 * <p>A stream rather than a list (LPUSH + LTRIM): one {@code XADD} both appends and caps it ({@code MAXLEN ~},
 * which lets Redis drop whole internal nodes at once, so at least {@value #MAX_ENTRIES} entries stay), and its
 * ids come from Redis's clock, so the entries of different nodes are in the order Redis took them whatever the
 * nodes' clocks say.
 *
 * <p>Recording never holds up the change it records: the entry goes to this node's {@link AuditTrail} at once and
 * to Redis from a thread of its own. While Redis cannot take it, it stays in the ring alone (it is not sent later),
 * a WARN says so once a minute at most, and reading answers from the ring, saying why.
 */
public final class RedisAuditTrail implements AuditHistory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisAuditTrail.class);

    private static final long MAX_ENTRIES = 10_000;
    /** Admin changes come a few a minute; this many waiting means Redis has been stuck for a long while. */
    private static final int QUEUE = 1_000;
    private static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private final RedisLink redis;
    private final AuditTrail local;
    private final String stream;
    /**
     * Appends and reads in the order they were asked for, so a read follows every entry this node recorded before
     * it: an operator sees the change just made. A read waits at most the command timeout and a second beyond
     * (for the appends queued before it), then answers from the ring.
     */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "medsync-cluster-audit");
                thread.setDaemon(true);
                return thread;
            });
    private final Duration readWait;
    private boolean failing;
    private long lastWarning;
    private int keptLocally;

    /** @param local this node's ring, which names this node in its entries */
    public RedisAuditTrail(RedisLink redis, AuditTrail local) {
        this.redis = redis;
        this.local = local;
        this.stream = redis.key("audit");
        this.readWait = redis.settings().commandTimeout().plusSeconds(1);
    }

    @Override
    public void record(String who, String address, String action, String target, String result) {
        Entry entry = local.add(who, address, action, target, result);
        try {
            worker.execute(() -> append(entry));
        } catch (RejectedExecutionException e) {
            keptLocally(worker.isShutdown() ? "the node is stopping" : QUEUE + " entries are waiting for Redis");
        }
    }

    private void append(Entry entry) {
        try {
            redis.call(() -> redis.commands().xadd(stream,
                    XAddArgs.Builder.maxlen(MAX_ENTRIES).approximateTrimming(), fields(entry)));
            stored();
        } catch (StoreUnavailableException e) {
            keptLocally(e.getMessage());
        }
    }

    @Override
    public Recent recent(int limit) {
        Future<List<Entry>> read;
        try {
            read = worker.submit(() -> read(limit));
        } catch (RejectedExecutionException e) {
            return fromRing(limit, "too many audit entries are waiting for Redis");
        }
        try {
            return new Recent(read.get(readWait.toMillis(), TimeUnit.MILLISECONDS), Source.REDIS, Optional.empty());
        } catch (ExecutionException e) {
            return fromRing(limit, e.getCause().getMessage());
        } catch (TimeoutException e) {
            read.cancel(true);
            return fromRing(limit, "Redis did not answer within " + readWait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fromRing(limit, "interrupted while reading " + stream);
        }
    }

    private List<Entry> read(int limit) {
        return redis.call(() -> redis.commands().xrevrange(stream, Range.create("-", "+"), Limit.from(limit)))
                .stream().map(RedisAuditTrail::entry).toList();
    }

    private Recent fromRing(int limit, String why) {
        return new Recent(local.newestFirst(limit), Source.LOCAL,
                Optional.of("this node's changes only: cannot read " + stream + ": " + why));
    }

    private static Map<String, String> fields(Entry entry) {
        Map<String, String> fields = entry.fields();
        // Redis has no null value: a field left out reads back as null.
        fields.values().removeIf(value -> value == null);
        return fields;
    }

    /**
     * Reads one entry whatever wrote it: an {@code at} that is missing or not ISO-8601 (an entry added by hand, or
     * by another version) is replaced by the time Redis added the entry, which its id carries, so one odd entry
     * never hides the cluster's history. A missing field reads as {@code null}.
     */
    static Entry entry(StreamMessage<String, String> message) {
        Map<String, String> fields = message.getBody();
        return new Entry(at(fields.get("at"), message.getId()), fields.get("node"), fields.get("who"),
                fields.get("address"), fields.get("action"), fields.get("target"), fields.get("result"));
    }

    private static Instant at(String recorded, String streamId) {
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                // falls back to the id's time below
            }
        }
        return Instant.ofEpochMilli(StreamLag.millisOf(streamId));
    }

    private synchronized void keptLocally(String why) {
        keptLocally++;
        long now = System.nanoTime();
        if (!failing || now - lastWarning >= WARN_INTERVAL.toNanos()) {
            log.warn("Audit entries are kept on this node only ({} so far), not in {}: {}", keptLocally, stream, why);
            lastWarning = now;
        }
        failing = true;
    }

    private synchronized void stored() {
        if (failing) {
            log.info("Audit entries reach {} again; the {} recorded meanwhile stay on this node only", stream,
                    keptLocally);
            failing = false;
            keptLocally = 0;
        }
    }

    /** Gives the entries still waiting the command timeout to reach Redis, as the node stops. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(redis.settings().commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
