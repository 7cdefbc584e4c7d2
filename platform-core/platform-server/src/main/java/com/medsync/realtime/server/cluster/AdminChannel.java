package com.medsync.realtime.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.medsync.realtime.server.console.ClusterDisconnect;
import com.medsync.realtime.spi.store.StoreUnavailableException;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Operator requests every node acts on at once, on the Redis pub/sub channel {@code <prefix>admin} that every node
 * subscribes to: "send user U's sockets away". The node asking publishes the request; each other node sends its
 * own sockets of U away and publishes how many; the asker counts the answers against the number of subscribers
 * {@code PUBLISH} reached, waiting {@link #ANSWER_WAIT} at most.
 *
 * <p>Pub/sub rather than the event stream: the request concerns the sockets connected at that moment, so it must
 * not stay in the log that recovering clients replay, nor reach a node that joins later; a node cut off from Redis
 * at that moment does not get it, and shows as not answering.
 */
final class AdminChannel implements ClusterDisconnect, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminChannel.class);

    /** Each node waits up to 2 s for its own sockets to be gone before it answers. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(3);
    private static final Duration SUBSCRIBE_RETRY = Duration.ofSeconds(1);
    private static final String DISCONNECT_USER = "disconnect-user";
    private static final String DISCONNECTED = "disconnected";

    private final RedisLink redis;
    private final ObjectMapper mapper;
    private final String node;
    private final String channel;
    private final Map<String, Answers> asked = new ConcurrentHashMap<>();
    /** Requests of other nodes are carried out here, off Lettuce's event loop (they wait, and call Redis). */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "medsync-cluster-admin");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ToIntFunction<String> disconnectUserHere = userId -> 0;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    AdminChannel(RedisLink redis, ObjectMapper mapper, String node) {
        this.redis = redis;
        this.mapper = mapper;
        this.node = node;
        this.channel = redis.key("admin");
    }

    /** @param disconnectUserHere sends a user's sockets on this node away, answering how many */
    void answerWith(ToIntFunction<String> disconnectUserHere) {
        this.disconnectUserHere = disconnectUserHere;
    }

    /** Subscribes, once Redis is connected; tried again every second until it works. */
    void start() {
        try {
            StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    if (channel.equals(from)) {
                        received(message);
                    }
                }
            });
            connection.sync().subscribe(channel);
            subscription = connection;
            log.info("Listening for cluster-wide admin requests on {}", channel);
        } catch (RuntimeException e) {
            log.warn("Cannot subscribe to {} yet: {}; trying again in {}", channel, e.getMessage(), SUBSCRIBE_RETRY);
            try {
                worker.schedule(this::start, SUBSCRIBE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // Closing: nothing to listen for any more.
            }
        }
    }

    @Override
    public Outcome disconnectUser(String userId) {
        String request = UUID.randomUUID().toString();
        Answers answers = new Answers();
        asked.put(request, answers);
        try {
            ObjectNode message = mapper.createObjectNode().put("kind", DISCONNECT_USER).put("request", request)
                    .put("from", node).put("user", userId);
            long reached = redis.call(() -> redis.commands().publish(channel, message.toString()));
            return answers.await(reached, ANSWER_WAIT);
        } catch (StoreUnavailableException e) {
            return new Outcome(List.of(), 0, Optional.of(e.getMessage()));
        } finally {
            asked.remove(request);
        }
    }

    /** On Lettuce's event loop: only what never waits happens here. */
    private void received(String text) {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (IOException e) {
            log.warn("Ignoring an unreadable message on {}", channel);
            return;
        }
        String request = message.path("request").asText();
        switch (message.path("kind").asText()) {
            case DISCONNECT_USER -> {
                if (node.equals(message.path("from").asText())) {
                    Optional.ofNullable(asked.get(request)).ifPresent(Answers::heardOwnRequest);
                } else {
                    worker.execute(() -> answer(message));
                }
            }
            case DISCONNECTED -> {
                if (node.equals(message.path("to").asText())) {
                    Optional.ofNullable(asked.get(request)).ifPresent(answers -> answers.add(
                            new NodeCount(message.path("node").asText(), message.path("disconnected").asInt())));
                }
            }
            default -> log.debug("Ignoring a message of kind '{}' on {}", message.path("kind").asText(), channel);
        }
    }

    private void answer(JsonNode request) {
        String userId = request.path("user").asText();
        int disconnected = disconnectUserHere.applyAsInt(userId);
        log.info("Sent {} socket(s) of user {} away, as node {} asked", disconnected, userId,
                request.path("from").asText());
        ObjectNode answer = mapper.createObjectNode().put("kind", DISCONNECTED)
                .put("request", request.path("request").asText()).put("to", request.path("from").asText())
                .put("node", node).put("disconnected", disconnected);
        try {
            redis.call(() -> redis.commands().publish(channel, answer.toString()));
        } catch (StoreUnavailableException e) {
            log.warn("Could not tell node {} how many sockets of user {} were sent away: {}",
                    request.path("from").asText(), userId, e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        StatefulRedisPubSubConnection<String, String> connection = subscription;
        if (connection != null) {
            connection.close();
        }
    }

    /** The answers to one request, and whether this node's own subscription got it (so counts as reached). */
    private static final class Answers {

        private final List<NodeCount> nodes = new ArrayList<>();
        private boolean heardOwnRequest;

        synchronized void add(NodeCount answer) {
            nodes.add(answer);
            notifyAll();
        }

        synchronized void heardOwnRequest() {
            heardOwnRequest = true;
            notifyAll();
        }

        /** @param reached the subscribers {@code PUBLISH} reached, this node's own subscription among them */
        synchronized Outcome await(long reached, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                while (answered() < reached) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(nodes, (int) Math.max(0, reached - answered()), Optional.empty());
        }

        private int answered() {
            return nodes.size() + (heardOwnRequest ? 1 : 0);
        }
    }
}
