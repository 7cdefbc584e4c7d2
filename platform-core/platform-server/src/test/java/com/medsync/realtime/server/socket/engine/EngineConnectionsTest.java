package com.medsync.realtime.server.socket.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.DisconnectableHub;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's bookkeeping of open connections, on netty-socketio's own client objects without a network. Those
 * are built reflectively: their constructor takes types of packages netty-socketio's module does not export.
 */
class EngineConnectionsTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final EngineConnections connections = new EngineConnections(new EngineListener() {
        @Override
        public void onPacket(EngineConnection connection, String text) {
            told.add("packet " + text);
        }

        @Override
        public void onAttachment(EngineConnection connection, byte[] attachment) {
            told.add("attachment " + attachment.length);
        }

        @Override
        public void onConnectDeadline(EngineConnection connection, Duration timeout) {
            told.add("deadline " + timeout.toMillis());
        }

        @Override
        public void onClosed(UUID connectionId) {
            told.add("closed " + connectionId);
        }
    });

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void anOpenedPollingConnectionIsPollingUntilAnUpgradeStarts() {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMinutes(1)), loop);

        assertThat(connections.transportOf(engine.getSessionId())).contains(EngineTransport.POLLING);
        connections.upgradeStarted(engine.getSessionId());
        assertThat(connections.transportOf(engine.getSessionId())).contains(EngineTransport.UPGRADING);
    }

    @Test
    void theListenerDecidesAtTheConnectDeadlineOfAConnectionStillOpen() throws InterruptedException {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMillis(20)), loop);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!told.contains("deadline 20") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(told).contains("deadline 20");
    }

    @Test
    void aClosedConnectionIsForgottenAndTheListenerToldItsId() {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMinutes(1)), loop);

        connections.closed(engine.getSessionId());

        assertThat(connections.transportOf(engine.getSessionId())).isEmpty();
        assertThat(told).containsExactly("closed " + engine.getSessionId());
    }

    @Test
    void theListenerIsToldOfACloseEvenForAConnectionNeverRegistered() {
        UUID unknown = UUID.randomUUID();

        connections.closed(unknown);

        assertThat(told).containsExactly("closed " + unknown);
    }

    @Test
    void aPacketOfAClientAlreadyGoneReachesTheListenerWithoutRegisteringItAgain() throws Exception {
        ClientHead engine = client();
        Field disconnected = ClientHead.class.getDeclaredField("disconnected");
        disconnected.setAccessible(true);
        ((AtomicBoolean) disconnected.get(engine)).set(true);

        connections.onPacket(engine, "40");

        assertThat(told).containsExactly("packet 40");
        assertThat(connections.transportOf(engine.getSessionId())).isEmpty();
    }

    /**
     * The lost update of netty-socketio's release, replayed: the next poll was bound, then the release of the one
     * before it (which had checked the binding just before) set the binding to none.
     */
    @Test
    void thePollAReleaseUnboundIsBoundAgainWhenTheConnectionBeforeItCloses() {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMinutes(1)), loop);
        EmbeddedChannel answered = new EmbeddedChannel();
        EmbeddedChannel next = new EmbeddedChannel();
        connections.pollArrived(engine.getSessionId(), answered);
        engine.bindChannel(answered, Transport.POLLING);
        connections.pollArrived(engine.getSessionId(), next);
        engine.bindChannel(next, Transport.POLLING);
        engine.releasePollingChannel(next);

        connections.pollClosed(engine.getSessionId(), answered);

        assertThat(engine.isTransportChannel(next, Transport.POLLING)).isTrue();
    }

    /**
     * The same lost update after the handshake's own poll, whose request names no session: its channel is known by
     * netty-socketio's client mark, which the handler placed after the polling transport reads.
     */
    @Test
    void thePollAfterTheHandshakesIsBoundAgainToo() {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMinutes(1)), loop);
        EmbeddedChannel handshake = new EmbeddedChannel(new PollRebind(connections));
        handshake.attr(ClientHead.CLIENT).set(engine);
        engine.bindChannel(handshake, Transport.POLLING);
        EmbeddedChannel first = new EmbeddedChannel();
        connections.pollArrived(engine.getSessionId(), first);
        engine.bindChannel(first, Transport.POLLING);
        engine.releasePollingChannel(first);

        handshake.close();

        assertThat(engine.isTransportChannel(first, Transport.POLLING)).isTrue();
    }

    @Test
    void aPollThatClosedWithNoNewerOneLeavesTheSessionUnbound() {
        ClientHead engine = client();
        connections.opened(engine, timings(Duration.ofMinutes(1)), loop);
        EmbeddedChannel only = new EmbeddedChannel();
        connections.pollArrived(engine.getSessionId(), only);
        engine.bindChannel(only, Transport.POLLING);
        engine.releasePollingChannel(only);

        connections.pollClosed(engine.getSessionId(), only);

        assertThat(engine.isTransportChannel(only, Transport.POLLING)).isFalse();
    }

    private static ClientHead client() {
        try {
            DisconnectableHub hub = client -> { };
            HandshakeData handshake = new HandshakeData(new DefaultHttpHeaders(), Map.of(),
                    new InetSocketAddress("127.0.0.1", 40000), "/socket.io/", false);
            Class<?> storeFactory = Class.forName("com.corundumstudio.socketio.store.StoreFactory");
            Object noStores = Proxy.newProxyInstance(storeFactory.getClassLoader(), new Class<?>[] {storeFactory},
                    (proxy, method, args) -> null);
            // The acknowledgement manager and the scheduler are used by sends and disconnects, not here.
            return (ClientHead) ClientHead.class.getConstructors()[0].newInstance(UUID.randomUUID(), null, hub,
                    noStores, handshake, new ClientsBox(), Transport.POLLING, null, new Configuration(), Map.of());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a netty-socketio client", e);
        }
    }

    private static EngineTimings timings(Duration connectTimeout) {
        // The heartbeat's first ping comes after an hour: these tests are about the bookkeeping.
        return new EngineTimings(connectTimeout, Duration.ofHours(1), Duration.ofHours(1));
    }
}
