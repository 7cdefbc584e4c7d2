package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.spi.auth.Handshake;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO connection as the layers above the engine see it: it sends encoded packets, tells whether its
 * client keeps up, and closes. netty-socketio's client object and the Netty channels stay behind it.
 *
 * <p>Every socket a client opens (one per namespace) shares its connection, and with it one WebSocket queue.
 */
public final class EngineConnection {

    private static final Logger log = LoggerFactory.getLogger(EngineConnection.class);
    /** How often a close waiting for a polling client to take its packets looks again. */
    private static final long DRAIN_CHECK_MILLIS = 10;
    /** How long the poll that takes a close packet has to arrive. */
    private static final long CLOSE_POLL_GRACE_MILLIS = 200;

    private final ClientHead engine;
    private final EngineTraffic traffic;
    /** An opaque name of this connection for operators, unrelated to its Engine.IO session id; made when first asked. */
    private volatile String publicId;
    /**
     * The WebSocket's packet queue, set before {@link #webSocket}: netty-socketio moves the polling queue under
     * the WebSocket at the upgrade, before the first send over it, and never replaces it after that. Kept here so a
     * send or a drain does not look it up through the client's transport map.
     */
    private Queue<Packet> webSocketQueue;
    /** The WebSocket's outbound buffer, set with {@link #webSocketQueue}: its writability, one read away. */
    private ChannelOutboundBuffer webSocketBuffer;
    /** The WebSocket's event loop, set with {@link #webSocketQueue}: where a batch lists the connection's deliveries. */
    private EventLoop webSocketLoop;
    /** The WebSocket this connection's packets go out on, once it was seen carrying one. */
    private volatile Channel webSocket;
    /** That WebSocket's output; used on its event loop only. */
    private WebSocketOutput webSocketOutput;
    // Engine.IO state of the open connection, kept by EngineConnections.
    private volatile EngineHeartbeat heartbeat;
    private volatile boolean upgrading;
    private volatile boolean closing;
    /** Set once the server decided to end the connection: nothing more is queued for the client. */
    private volatile boolean closeRequested;
    /** The newest poll that passed the request checks, bound by netty-socketio once it reaches its transport. */
    private volatile Channel latestPoll;

    EngineConnection(ClientHead engine, EngineTraffic traffic) {
        this.engine = engine;
        this.traffic = traffic;
    }

    /** The Engine.IO session id: private to the server, never a socket's id. */
    public UUID id() {
        return engine.getSessionId();
    }

    public boolean isConnected() {
        return engine.isConnected();
    }

    /**
     * A name for this connection that operators may see (the Admin UI groups a client's sockets by it): random, so
     * it tells nothing of the Engine.IO session id, which must stay private to the connection.
     */
    public String publicId() {
        String id = publicId;
        if (id == null) {
            id = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    .substring(0, 12);
            publicId = id;
        }
        return id;
    }

    /** @return "polling" or "websocket", the names Socket.IO gives the transport the connection is on now */
    public String transportName() {
        return engine.getCurrentTransport() == Transport.WEBSOCKET ? "websocket" : "polling";
    }

    /** What the Engine.IO handshake request carried, for operators' eyes (the Admin UI). */
    public HandshakeRequest handshakeRequest() {
        return HandshakeRequest.of(engine.getHandshakeData());
    }

    /** The SPI view of a CONNECT on this connection: its auth payload and the handshake request. */
    public Handshake handshake(String namespace, Map<String, Object> auth) {
        return new EngineHandshake(namespace, auth, engine.getHandshakeData());
    }

    /** @return whether the client reads what is written to it (a known WebSocket answers without a lookup) */
    public boolean isWritable() {
        // The WebSocket's buffer read without going through its channel (after the volatile read that publishes
        // it): on a closed channel it may still say writable, which only spares a closing client the slow-consumer
        // count; its connection is gone anyway. Null when the channel had closed before it was first seen.
        ChannelOutboundBuffer buffer = webSocket != null ? webSocketBuffer : null;
        return buffer != null ? buffer.isWritable() : engine.isWritable();
    }

    /**
     * A polling client that does not come for its packets lets them pile up in its queue. A WebSocket's queue is
     * drained by its event loop; a client that stops reading shows as an unwritable channel instead. (The queue's
     * size is counted by walking it, so it is asked only where it means something.)
     *
     * @return whether a polling client has at least {@code max} packets waiting
     */
    public boolean pollsBehind(int max) {
        return webSocket == null && engine.getCurrentTransport() == Transport.POLLING
                && engine.getPacketsQueue(Transport.POLLING).size() >= max;
    }

    /** Sends a packet now. */
    public void send(EncodedPacket packet) {
        Packet own = outgoing(packet);
        if (own == null) {
            return;
        }
        Channel channel = webSocket;
        ChannelFuture sent = engine.send(own);
        // An upgraded session never goes back to polling: its WebSocket can be remembered for batched writes.
        if (channel == null && sent != null && engine.isTransportChannel(sent.channel(), Transport.WEBSOCKET)) {
            this.webSocketQueue = engine.getPacketsQueue(Transport.WEBSOCKET);
            this.webSocketBuffer = sent.channel().unsafe().outboundBuffer();
            this.webSocketLoop = sent.channel().eventLoop();
            this.webSocket = sent.channel();
        }
    }

    /**
     * Lists a packet for {@code recipient} in {@code batch}, to be checked and written on the WebSocket's event loop
     * ({@link LoopRecipient#sendOnLoop}) when the batch is flushed.
     *
     * @return false, listing nothing, when the connection is not known to be on a WebSocket: send it now instead
     */
    public boolean sendLater(LoopRecipient recipient, EncodedPacket packet, WriteBatch batch) {
        if (webSocket == null) {
            return false;
        }
        batch.add(webSocketLoop, recipient, packet);
        return true;
    }

    /**
     * On the WebSocket's event loop: writes the packet now, behind whatever is queued for the client (in one write
     * with it), or queues it when the channel cannot take it yet.
     */
    void writeOnLoop(EncodedPacket packet) {
        Packet own = outgoing(packet);
        if (own == null || !engine.isConnected()) {
            return;
        }
        WebSocketOutput output = webSocketOutput();
        if (output == null) {
            // The pipeline is being torn down: the packet goes where netty-socketio's sends go.
            webSocketQueue.add(own);
            return;
        }
        if (!webSocketQueue.isEmpty() || !output.writeAlone(own)) {
            webSocketQueue.add(own);
            output.drain(webSocketQueue);
        }
    }

    /**
     * On the WebSocket's event loop: queues the packet to be written by the next {@link #drainWebSocket}.
     *
     * @return whether it was queued (not when the connection is being closed)
     */
    boolean queueOnLoop(EncodedPacket packet) {
        Packet own = outgoing(packet);
        if (own == null) {
            return false;
        }
        webSocketQueue.add(own);
        return true;
    }

    /** @return the packet as this connection sends it, counted; null when the server is closing the connection */
    private Packet outgoing(EncodedPacket packet) {
        if (closeRequested) {
            // As the reference server drops writes to a closing socket; a recovering client has them replayed.
            return null;
        }
        Packet own = Packets.forOneSocket(EnginePacket.unwrap(packet));
        // Only a pre-encoded event knows its length without encoding it again; control packets count as packets.
        traffic.packetOut(own instanceof PreEncodedPacket event ? event.payloadLength() : 0);
        return own;
    }

    /**
     * Reads what {@link #writeOnLoop} and {@link #isWritable} will read ({@link LoopRecipient#prefetch}); on the
     * WebSocket's event loop.
     */
    public int prefetch() {
        int read = engine.isConnected() ? 1 : 0;
        read += isWritable() ? 2 : 0;
        read += closeRequested ? 4 : 0;
        read += webSocketQueue.isEmpty() ? 8 : 0;
        WebSocketOutput output = webSocketOutput;
        return output != null ? read + output.prefetch() : read;
    }

    /** Writes out what was queued for the WebSocket; on its event loop ({@link LoopWrites#endOfRun}). */
    void drainWebSocket() {
        if (!engine.isConnected()) {
            return;
        }
        WebSocketOutput output = webSocketOutput();
        if (output != null) {
            output.drain(webSocketQueue);
        }
    }

    /** On the WebSocket's event loop: its output, or null when its pipeline has none (closed). */
    private WebSocketOutput webSocketOutput() {
        WebSocketOutput output = WebSocketOutput.of(webSocket, webSocketOutput);
        // Written only when it changed: a store on each write would take the cache line from whoever reads this
        // object's other fields next.
        if (output != webSocketOutput) {
            webSocketOutput = output;
        }
        return output;
    }

    /**
     * Ends the connection with an Engine.IO close packet, as the reference server does: the client sees a
     * transport close and reconnects on its own (a Socket.IO DISCONNECT would tell it not to).
     *
     * <p>netty-socketio forgets a connection in {@code ClientHead.onChannelDisconnect}, and closes a WebSocket at
     * once when a frame arrives for a connection it forgot. From any thread but the channel's event loop (a
     * connection's handler thread, the delivery thread), the close packet's write is only queued on that loop,
     * which may read the client's next frame first: the socket was then closed before the close packet was
     * written, and the client saw a bare TCP close (which the JDK's WebSocket client now and then never reported:
     * the fuzz's "open but deaf" connection). So the connection is forgotten on the loop, after the write: tasks
     * queued there run in order.
     */
    public void close(String reason) {
        log.debug("Closing connection {}: {}", engine.getSessionId(), reason);
        ChannelFuture sent = sendClosePacket();
        if (sent == null) {
            engine.onChannelDisconnect();
            return;
        }
        forgetAfter(sent);
    }

    /**
     * Sends the close packet. From here the connection counts as closing: the client may have the packet and poll
     * again before netty-socketio forgot the session, even when that happens right after the write on the same
     * loop (another loop reads the poll), and such a poll is refused as for an unknown session
     * ({@link EngineConnections#transportOf}) instead of being bound to the session about to go, where nothing
     * would ever answer it.
     *
     * @return the write, or null when no channel could carry it
     */
    private ChannelFuture sendClosePacket() {
        closing = true;
        return engine.send(Packets.engineClose());
    }

    /** Closes the channel once the close packet is written, and forgets the connection on its loop after that. */
    private void forgetAfter(ChannelFuture sent) {
        sent.addListener(ChannelFutureListener.CLOSE);
        EventLoop loop = sent.channel().eventLoop();
        if (loop.inEventLoop()) {
            engine.onChannelDisconnect();
            return;
        }
        try {
            loop.execute(engine::onChannelDisconnect);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down with the server: no write is left to wait for.
            engine.onChannelDisconnect();
        }
    }

    /**
     * Ends the connection as {@link #close} does, but lets a polling client first take the packets already
     * queued for it, in a response of their own, as the reference server drains its write buffer before it
     * closes. A close packet in the same payload as events makes socket.io-client (4.8) take those events only
     * after its next CONNECT: after the offset it recovered from, so it would get them twice.
     *
     * @param maxWait how long the client may take to come for them; then the connection is closed regardless
     */
    public void closeAfterQueuedPackets(String reason, Duration maxWait) {
        closeRequested = true;
        EngineHeartbeat beat = heartbeat;
        if (beat == null || engine.getCurrentTransport() != Transport.POLLING) {
            close(reason);
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            beat.loop().execute(() -> closeOnceDrained(reason, deadline, beat.loop()));
        } catch (RejectedExecutionException e) {
            close(reason);
        }
    }

    private void closeOnceDrained(String reason, long deadline, EventLoop loop) {
        if (!engine.isConnected()) {
            return;
        }
        if (!engine.getPacketsQueue(Transport.POLLING).isEmpty() && System.nanoTime() - deadline < 0) {
            loop.schedule(() -> closeOnceDrained(reason, deadline, loop), DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        log.debug("Closing connection {}: {}", engine.getSessionId(), reason);
        ChannelFuture sent = sendClosePacket();
        if (sent != null) {
            // A poll was waiting: it carries the close packet alone.
            forgetAfter(sent);
            return;
        }
        // The client is between polls, the one after the packets it just took: that poll takes the close packet.
        loop.schedule(engine::onChannelDisconnect, CLOSE_POLL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    ClientHead engine() {
        return engine;
    }

    void pollArrived(Channel poll) {
        latestPoll = poll;
    }

    /**
     * Binds the newest poll again when closing an older one unbound it. netty-socketio releases a closed poll with
     * "if the session's polling channel is still this one, set it to none": a check and a write, between which the
     * client's next poll, read by another event loop, can be bound. The release then unbinds that poll, which
     * waits unanswered until the ping timeout while the events sent to the session stay queued with no channel to
     * go out on. Called after the release, on the closed poll's loop.
     */
    void pollClosed(Channel closed) {
        Channel newest = latestPoll;
        if (newest == null || newest == closed || !newest.isActive() || !engine.isConnected()
                || engine.getCurrentTransport() != Transport.POLLING
                || engine.isTransportChannel(newest, Transport.POLLING)
                || engine.isTransportChannel(closed, Transport.POLLING)) {
            return;
        }
        log.debug("Binding the poll of connection {} again: closing the one before it unbound it", engine.getSessionId());
        engine.bindChannel(newest, Transport.POLLING);
    }

    EngineHeartbeat heartbeat() {
        return heartbeat;
    }

    void heartbeat(EngineHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    boolean upgrading() {
        return upgrading;
    }

    void upgradeStarted() {
        upgrading = true;
    }

    boolean closing() {
        return closing;
    }

    void closingAfterLastPoll() {
        closing = true;
    }

    @Override
    public String toString() {
        return "connection " + engine.getSessionId();
    }
}
