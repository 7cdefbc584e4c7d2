package com.medsync.realtime.testkit;

import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

/**
 * A tiny netty-socketio 2.0.14 server on 127.0.0.1 for {@link TestSocket} to talk to until the embedded MedSync
 * server joins the kit. Namespace {@value #NAMESPACE}: token {@value #GOOD_TOKEN} is accepted, any other
 * {@code auth} payload is refused the way MedSync refuses. Events: {@code echo} (sent back as an event and as
 * the ack), {@code burst} (emits a, b, c), {@code kick} (the server disconnects the client).
 */
final class EchoSocketServer implements AutoCloseable {

    static final String NAMESPACE = "/patient-pharmacy";
    static final String GOOD_TOKEN = "good";
    static final String REFUSAL = "Authentication error: token missing";
    private static final String LOOPBACK = "127.0.0.1";

    private final SocketIOServer server;
    private final int port;

    private EchoSocketServer(SocketIOServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EchoSocketServer start() {
        RuntimeException last = null;
        // Another process can take the probed port before netty binds it; a second try settles that.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            SocketIOServer server = create(port);
            try {
                server.start();
                return new EchoSocketServer(server, port);
            } catch (RuntimeException e) {
                last = e;
                server.stop();
            }
        }
        throw new IllegalStateException("netty-socketio did not start", last);
    }

    private static SocketIOServer create(int port) {
        Configuration config = new Configuration();
        config.setHostname(LOOPBACK);
        config.setPort(port);
        // netty-socketio can hold a polling-to-WebSocket upgrade until its next ping; keep that short.
        config.setPingInterval(1000);
        SocketIOServer server = new SocketIOServer(config);
        SocketIONamespace namespace = server.addNamespace(NAMESPACE);
        namespace.addAuthTokenListener((auth, client) -> auth instanceof Map<?, ?> map && GOOD_TOKEN.equals(map.get("token"))
                ? AuthTokenResult.AuthTokenResultSuccess
                : new AuthTokenResult(false, Map.of("message", REFUSAL)));
        namespace.addEventListener("echo", Object.class, (client, data, ack) -> {
            client.sendEvent("echo", data);
            if (ack.isAckRequested()) {
                ack.sendAckData(data);
            }
        });
        namespace.addEventListener("burst", Object.class, (client, data, ack) -> {
            client.sendEvent("a", 1);
            client.sendEvent("b", 2);
            client.sendEvent("c", 3);
        });
        namespace.addEventListener("kick", Object.class, (client, data, ack) -> client.disconnect());
        return server;
    }

    /** {@code http://127.0.0.1:<port>/patient-pharmacy} */
    String namespaceUrl() {
        return "http://" + LOOPBACK + ":" + port + NAMESPACE;
    }

    /**
     * Returns once the port no longer accepts connections; Netty's graceful shutdown goes on in the background
     * for a few more seconds, which no test needs to wait for.
     */
    @Override
    public void close() {
        Thread stopper = new Thread(server::stop, "echo-socket-server-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (accepting() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean accepting() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
