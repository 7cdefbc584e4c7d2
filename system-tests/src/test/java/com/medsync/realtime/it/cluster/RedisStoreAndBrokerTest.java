package com.medsync.realtime.it.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.RedisServer;
import com.medsync.realtime.server.cluster.RedisBroker;
import com.medsync.realtime.server.cluster.RedisKeyValueStore;
import com.medsync.realtime.server.cluster.RedisLink;
import com.medsync.realtime.server.config.ServerSettings.RedisSettings;
import com.medsync.realtime.server.delivery.LocalDelivery;
import com.medsync.realtime.server.event.OutboundEvent;
import com.medsync.realtime.server.event.SequencedEvent;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.spi.room.Room;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis store and the Redis broker against a real redis-server, without a node around them. */
class RedisStoreAndBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisServer redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeLinks() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private RedisLink link(String prefix, Duration retention) throws InterruptedException {
        RedisLink link = new RedisLink(new RedisSettings(redis.url(), prefix, Duration.ofSeconds(1), retention,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        opened.add(link);
        CountDownLatch connected = new CountDownLatch(1);
        link.start(connected::countDown);
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to " + redis.url()).isTrue();
        return link;
    }

    private static String uniquePrefix() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    private RedisBroker broker(RedisLink link) {
        return broker(link, Clock.systemUTC());
    }

    private RedisBroker broker(RedisLink link, Clock nodeClock) {
        RedisBroker broker = new RedisBroker(link, new LocalDelivery(new NamespaceRegistry(), count -> { }, true), JSON,
                nodeClock);
        opened.add(broker);
        return broker;
    }

    private static OutboundEvent event(String id) {
        return new OutboundEvent(id, "chat:message", JSON.createObjectNode().put("content", id),
                Set.of(Room.chat("room_1"), Room.user("user_1")), Optional.of("socket-1"));
    }

    private static String publish(RedisBroker broker, String id) {
        broker.publish(event(id));
        return broker.lastOffset().orElseThrow();
    }

    @Test
    void putIfAbsentSetsAKeyOnce() throws Exception {
        RedisKeyValueStore store = new RedisKeyValueStore(link(uniquePrefix(), Duration.ofMinutes(1)));

        assertThat(store.putIfAbsent("k", "first", Duration.ofMinutes(1))).isTrue();
        assertThat(store.putIfAbsent("k", "second", Duration.ofMinutes(1))).isFalse();
        assertThat(store.get("k")).contains("first");
        store.put("k", "replaced", Duration.ofMinutes(1));
        assertThat(store.get("k")).contains("replaced");
        assertThat(store.delete("k")).isTrue();
        assertThat(store.delete("k")).isFalse();
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void replaceIsACompareAndSet() throws Exception {
        RedisKeyValueStore store = new RedisKeyValueStore(link(uniquePrefix(), Duration.ofMinutes(1)));
        Duration ttl = Duration.ofMinutes(1);

        assertThat(store.replace("index", Optional.of("[]"), "[1]", ttl)).isFalse();
        assertThat(store.replace("index", Optional.empty(), "[1]", ttl)).isTrue();
        assertThat(store.replace("index", Optional.empty(), "[2]", ttl)).isFalse();
        assertThat(store.replace("index", Optional.of("[2]"), "[3]", ttl)).isFalse();
        assertThat(store.replace("index", Optional.of("[1]"), "[1,2]", ttl)).isTrue();
        assertThat(store.get("index")).contains("[1,2]");
    }

    @Test
    void keysExpire() throws Exception {
        RedisKeyValueStore store = new RedisKeyValueStore(link(uniquePrefix(), Duration.ofMinutes(1)));

        store.put("short", "lived", Duration.ofMillis(50));

        Await.until("the key to expire", () -> store.get("short").isEmpty());
        assertThat(store.putIfAbsent("short", "again", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void deploymentsWithOtherPrefixesDoNotSeeEachOthersKeys() throws Exception {
        RedisLink one = link(uniquePrefix(), Duration.ofMinutes(1));
        RedisLink other = link(uniquePrefix(), Duration.ofMinutes(1));

        new RedisKeyValueStore(one).put("shared-name", "one", Duration.ofMinutes(1));

        assertThat(new RedisKeyValueStore(other).get("shared-name")).isEmpty();
        assertThat(one.commands().get(one.key("kv:shared-name"))).isEqualTo("one");
        assertThat(one.key("kv:shared-name")).startsWith(one.settings().prefix());
    }

    @Test
    void eventsAfterAnOffsetAreTheLaterOnesInOrderAndIntact() throws Exception {
        RedisBroker broker = broker(link(uniquePrefix(), Duration.ofMinutes(1)));
        assertThat(broker.lastOffset()).isEmpty();

        String first = publish(broker, "e1");
        String second = publish(broker, "e2");
        String third = publish(broker, "e3");

        List<SequencedEvent> after = broker.eventsAfter(first).orElseThrow();
        assertThat(after).extracting(SequencedEvent::offset).containsExactly(second, third);
        assertThat(after.get(0).event()).isEqualTo(event("e2"));
        assertThat(broker.eventsAfter(third)).contains(List.of());
    }

    @Test
    void anUnknownOrMalformedOffsetAnswersEmpty() throws Exception {
        RedisBroker broker = broker(link(uniquePrefix(), Duration.ofMinutes(1)));
        String offset = publish(broker, "e1");
        publish(broker, "e2");

        assertThat(broker.eventsAfter("not-an-offset")).isEmpty();
        assertThat(broker.eventsAfter("")).isEmpty();
        // Older than anything held, and an id between two entries that no entry has.
        assertThat(broker.eventsAfter("1-0")).isEmpty();
        assertThat(broker.eventsAfter(offset.substring(0, offset.indexOf('-')) + "-999999")).isEmpty();
    }

    @Test
    void anOffsetTrimmedFromTheStreamAnswersEmpty() throws Exception {
        RedisBroker broker = broker(link(uniquePrefix(), Duration.ofMillis(100)));
        String old = publish(broker, "e1");
        // Lets e1 age past the retention; the next publish trims it.
        Thread.sleep(200);

        String recent = publish(broker, "e2");

        assertThat(broker.eventsAfter(old)).isEmpty();
        assertThat(broker.eventsAfter(recent)).contains(List.of());
    }

    @Test
    void theOriginOfAStreamThatWasEmptyReplaysEveryEventUntilOneIsTrimmed() throws Exception {
        RedisBroker broker = broker(link(uniquePrefix(), Duration.ofMillis(100)));
        // A node that started on an empty stream resumes sockets that got nothing from its origin.
        assertThat(broker.eventsAfter("0-0")).contains(List.of());
        String first = publish(broker, "e1");

        assertThat(broker.eventsAfter("0-0").orElseThrow()).extracting(SequencedEvent::offset).containsExactly(first);

        Thread.sleep(200);
        publish(broker, "e2");
        assertThat(broker.eventsAfter("0-0")).as("e1 was trimmed").isEmpty();
    }

    @Test
    void aNodeWhoseClockRunsAheadTrimsByRedissClock() throws Exception {
        RedisLink link = link(uniquePrefix(), Duration.ofMinutes(1));
        RedisBroker ahead = broker(link, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        RedisBroker onTime = broker(link);

        String first = publish(onTime, "e1");
        String second = publish(ahead, "e2");
        String third = publish(ahead, "e3");

        // On the node's own clock, e2's trim would have removed everything added in the last hour, itself included.
        assertThat(onTime.eventsAfter(first).orElseThrow()).extracting(SequencedEvent::offset)
                .containsExactly(second, third);
    }

    @Test
    void aNodeWhoseClockRunsBehindStillTrimsWhatIsPastTheRetention() throws Exception {
        RedisBroker behind = broker(link(uniquePrefix(), Duration.ofMillis(100)),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        String old = publish(behind, "e1");
        Thread.sleep(200);

        String recent = publish(behind, "e2");

        assertThat(behind.eventsAfter(old)).as("e1 is past the retention by Redis's clock").isEmpty();
        assertThat(behind.eventsAfter(recent)).contains(List.of());
    }
}
