package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.config.ServerSettings.AdminUiSettings;
import com.medsync.realtime.server.event.EncodedPacket;
import com.medsync.realtime.server.socket.DisconnectReason;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.OperatorNamespace;
import com.medsync.realtime.server.socket.RoomChangeListener;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketLifecycleListener;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.socket.ClientEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the Socket.IO Admin UI's protocol (@socket.io/admin-ui 0.5) on {@code /admin}: on connect
 * the UI gets {@code session} (after a password login), {@code config}, {@code all_sockets} and this node's
 * {@code server_stats}, which follow every stats interval; then live {@code socket_connected},
 * {@code socket_updated} (transport upgrades), {@code room_joined}, {@code room_left} and
 * {@code socket_disconnected} for every socket of the apps' namespaces. Its commands are {@link AdminCommands}.
 *
 * <p>{@code /admin} is an {@link OperatorNamespace}: no app token opens it, its sockets get none of the apps'
 * events, and the apps' sockets never see it. Nothing is built for it while no Admin UI is connected.
 *
 * <p>What it does not send: {@code event_received} and {@code event_sent} (the events' payloads: patients' data).
 * It still announces ALL_EVENTS, as the reference server does in development mode, because that is what makes the
 * UI show its sockets, rooms and clients pages; their event lists then hold connections, disconnections and room
 * changes only.
 */
public final class AdminUi implements OperatorNamespace, SocketLifecycleListener, RoomChangeListener {

    private static final Logger log = LoggerFactory.getLogger(AdminUi.class);

    public static final String NAMESPACE = "/admin";

    private final AdminUiNode node;
    private final AdminUiLogin login;
    private final AdminCommands commands;
    private final ServerStats stats;
    private final Clock clock;
    private final List<String> supportedFeatures;
    private volatile ServedNamespace admins;

    public AdminUi(AdminUiSettings settings, AdminUiNode node, Clock clock) {
        this.login = new AdminUiLogin(settings.username(), settings.passwordHash(), clock);
        this.commands = new AdminCommands(settings.readonly(), node);
        this.stats = new ServerStats(settings.serverId(), node, clock);
        this.clock = clock;
        List<String> features = new ArrayList<>(settings.readonly() ? List.of() : AdminCommands.FEATURES);
        features.add("AGGREGATED_EVENTS");
        features.add("ALL_EVENTS");
        this.supportedFeatures = List.copyOf(features);
        this.node = node;
    }

    /**
     * Serves {@code /admin} in {@code operators} (the registry of the Admin UI's own port, apart from the apps'),
     * hears every room change of the apps' sockets in {@code apps} and sends this node's figures every
     * {@code statsInterval}. (Its socket lifecycle events come from being one of the platform's socket listeners.)
     */
    public void start(NamespaceRegistry operators, NamespaceRegistry apps, ScheduledExecutorService scheduler,
            AdminUiSettings settings) {
        admins = operators.serveForOperators(this);
        apps.onRoomChange(this);
        long every = settings.statsInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sendStats, every, every, TimeUnit.MILLISECONDS);
        log.info("Socket.IO Admin UI on {} of port {} ({}{})", NAMESPACE, settings.port(),
                settings.requiresLogin() ? "login required" : "no login", settings.readonly() ? ", read-only" : "");
        if (!settings.requiresLogin()) {
            log.warn("The Socket.IO Admin UI takes anyone who reaches its port ({}): it shows who is connected, "
                    + "from where and in which rooms. Set medsync.admin-ui.username and password-hash to require a "
                    + "login", settings.port());
        }
    }

    @Override
    public String name() {
        return NAMESPACE;
    }

    @Override
    public Principal authenticate(Handshake handshake) throws AuthenticationException {
        return login.authenticate(handshake);
    }

    @Override
    public void onConnect(SocketSession admin, Map<String, Object> auth) {
        if (admin.principal().claims().get(AdminUiLogin.NEW_SESSION_CLAIM) instanceof String session) {
            send(admin, "session", session);
        }
        send(admin, "config", Map.of("supportedFeatures", supportedFeatures));
        List<Map<String, Object>> sockets = new ArrayList<>();
        for (ServedNamespace namespace : node.namespaces()) {
            namespace.sockets().forEach(socket -> sockets.add(SocketDescription.of(socket)));
        }
        send(admin, "all_sockets", sockets);
        // The first figures now rather than at the next tick, so the dashboard is not empty for two seconds.
        send(admin, "server_stats", stats.now());
    }

    @Override
    public void onEvent(ClientEvent event) {
        commands.handle(event);
    }

    @Override
    public void onDisconnect(SocketSession admin) {
        log.debug("Admin UI socket {} left", admin.id());
    }

    // The apps' sockets, as the platform tells its listeners of them.

    @Override
    public void onConnect(SocketSession socket) {
        if (watched()) {
            toAdmins("socket_connected", SocketDescription.of(socket), now());
        }
    }

    @Override
    public void onTransportUpgraded(SocketSession socket) {
        if (watched()) {
            toAdmins("socket_updated", Map.of("id", socket.id(), "nsp", socket.namespace(),
                    "transport", socket.transport()));
        }
    }

    @Override
    public void onDisconnect(SocketSession socket, DisconnectReason reason) {
        if (watched()) {
            String at = now();
            // The room of its own that SocketDescription listed: the UI forgets it as the reference server's does.
            // Before the disconnection, as there, where a socket leaves every room before its "disconnect" (its
            // other rooms were left already): the UI's event list reads in the same order.
            toAdmins("room_left", socket.namespace(), socket.id(), socket.id(), at);
            toAdmins("socket_disconnected", socket.namespace(), socket.id(), reason.wireName(), at);
        }
    }

    @Override
    public void joined(SocketSession socket, Room room) {
        if (watched()) {
            toAdmins("room_joined", socket.namespace(), room.name(), socket.id(), now());
        }
    }

    @Override
    public void left(SocketSession socket, Room room) {
        if (watched()) {
            toAdmins("room_left", socket.namespace(), room.name(), socket.id(), now());
        }
    }

    private void sendStats() {
        try {
            // Taken even with nobody watching, so the next report counts from here and not from long ago.
            Map<String, Object> figures = stats.next();
            if (watched()) {
                toAdmins("server_stats", figures);
            }
        } catch (RuntimeException e) {
            // A failed report must not cancel the ones after it.
            log.error("Admin UI figures failed", e);
        }
    }

    private boolean watched() {
        ServedNamespace namespace = admins;
        return namespace != null && namespace.socketCount() > 0;
    }

    /** One packet for every Admin UI connected; each socket's own queue bounds what a slow UI may hold. */
    private void toAdmins(String event, Object... args) {
        EncodedPacket packet = admins.encode(event, List.of(args));
        admins.sockets().forEach(admin -> admin.send(packet));
    }

    private void send(SocketSession admin, String event, Object... args) {
        admin.send(admins.encode(event, List.of(args)));
    }

    /** As the reference server's {@code new Date()} reaches the UI: an ISO instant, to the millisecond. */
    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
