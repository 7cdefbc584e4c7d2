package com.medsync.realtime.it.support;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * netty-socketio 2.0.14 used the way its README and a typical user would: an auth-token listener on
 * the namespace, a {@code join} handler, an {@code echo} handler. Nothing hardened.
 *
 * <p>This is the baseline for regression tests: a behaviour asserted here and asserted differently
 * against the MedSync server shows a gap of plain netty-socketio that MedSync closes.
 *
 * <p>One instance per test class is the usual pattern; tests tell their clients apart by session id.
 */
public final class BareNettySocketIoServer implements AutoCloseable {

    public static final String NAMESPACE = "/patient-pharmacy";
    public static final String GOOD_TOKEN = "good";
    public static final String AUTH_ERROR = "Authentication error: token missing";

    /** Something the server observed a client do, by Engine.IO session id. */
    public record Seen(String sessionId, String namespace, String what) {
    }

    private final SocketIOServer server;
    private final int port;
    private final List<String> defaultNamespaceConnects = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private BareNettySocketIoServer(SocketIOServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static BareNettySocketIoServer start() {
        return start(config -> { });
    }

    /** @param tuning changes to the default configuration (ping timings, ...), applied before start */
    public static BareNettySocketIoServer start(Consumer<Configuration> tuning) {
        RuntimeException last = null;
        // The free port can be taken between probing and binding; a few tries make that a non-issue.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.find();
            BareNettySocketIoServer bare = create(port, tuning);
            try {
                bare.server.start();
                return bare;
            } catch (RuntimeException e) {
                last = e;
                bare.server.stop();
            }
        }
        throw new IllegalStateException("bare netty-socketio server did not start", last);
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // Map.class as event type, as netty-socketio users commonly write it
    private static BareNettySocketIoServer create(int port, Consumer<Configuration> tuning) {
        Configuration config = new Configuration();
        tuning.accept(config);
        config.setHostname(FreePorts.LOOPBACK);
        config.setPort(port);
        SocketIOServer server = new SocketIOServer(config);
        BareNettySocketIoServer bare = new BareNettySocketIoServer(server, port);

        // Counts what the default namespace sees, to show whether it fires for clients of other namespaces.
        server.addConnectListener(client -> bare.defaultNamespaceConnects.add(client.getSessionId().toString()));

        SocketIONamespace ns = server.addNamespace(NAMESPACE);
        ns.addAuthTokenListener((authToken, client) -> {
            if (authToken instanceof Map<?, ?> map && GOOD_TOKEN.equals(map.get("token"))) {
                return AuthTokenResult.AuthTokenResultSuccess;
            }
            return new AuthTokenResult(false, AUTH_ERROR);
        });
        ns.addConnectListener(client -> bare.seen.add(new Seen(client.getSessionId().toString(), NAMESPACE, "connect")));
        ns.addDisconnectListener(client -> bare.seen.add(new Seen(client.getSessionId().toString(), NAMESPACE, "disconnect")));
        ns.addEventListener("join", Map.class, (client, data, ack) -> {
            String room = String.valueOf(data.get("room"));
            client.joinRoom(room);
            bare.seen.add(new Seen(client.getSessionId().toString(), NAMESPACE, "join " + room));
            if (ack.isAckRequested()) {
                ack.sendAckData(Map.of("ok", true));
            }
        });
        ns.addEventListener("echo", Object.class, (client, data, ack) -> {
            bare.seen.add(new Seen(client.getSessionId().toString(), NAMESPACE, "echo"));
            client.sendEvent("echo", data);
            if (ack.isAckRequested()) {
                ack.sendAckData(data);
            }
        });
        return bare;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} */
    public String url() {
        return "http://" + FreePorts.LOOPBACK + ":" + port;
    }

    /** {@code http://127.0.0.1:port/patient-pharmacy} */
    public String namespaceUrl() {
        return url() + NAMESPACE;
    }

    /** Session ids for which the default namespace's connect listener fired. */
    public List<String> defaultNamespaceConnects() {
        return List.copyOf(defaultNamespaceConnects);
    }

    /** What {@code /patient-pharmacy} saw: connects, disconnects, joins, echoes. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String sessionId) {
        return seen.stream().filter(s -> s.sessionId().equals(sessionId)).toList();
    }

    /** Session ids of the clients in {@code room} of {@code /patient-pharmacy}. */
    public List<String> roomMembers(String room) {
        return server.getNamespace(NAMESPACE).getRoomOperations(room).getClients().stream()
                .map(c -> c.getSessionId().toString()).toList();
    }

    /** The underlying server, for tests that need more than the canned handlers. */
    public SocketIOServer server() {
        return server;
    }

    /**
     * Stops accepting connections and returns once the port is closed. Netty's graceful shutdown goes
     * on in the background for about four more seconds (a quiet period per event loop group), which
     * no test needs to wait for.
     */
    @Override
    public void close() {
        Thread stopper = new Thread(server::stop, "bare-netty-socketio-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
        Await.until("bare netty-socketio to release port " + port, Duration.ofSeconds(20), () -> !accepting(port));
    }

    private static boolean accepting(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
