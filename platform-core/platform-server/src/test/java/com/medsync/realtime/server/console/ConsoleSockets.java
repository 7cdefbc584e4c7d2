package com.medsync.realtime.server.console;

import com.medsync.realtime.server.config.ServerSettings.LimitSettings;
import com.medsync.realtime.server.socket.NamespaceRegistry;
import com.medsync.realtime.server.socket.PermissivePlatform;
import com.medsync.realtime.server.socket.ServedNamespace;
import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.room.Room;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Namespaces with sockets in them, as the session layer keeps them, for the console's queries (no connections). */
final class ConsoleSockets {

    static final String CANONICAL = "/patient-pharmacy";
    static final String LEGACY = "/";

    final NamespaceRegistry namespaces = new NamespaceRegistry();
    final ServedNamespace canonical = namespaces.serve(CANONICAL, EventTranslator.CANONICAL);
    final ServedNamespace legacy = namespaces.serve(LEGACY, EventTranslator.CANONICAL);

    /** A socket of {@code userId} in its user room and the given rooms, as a CONNECT leaves it. */
    SocketSession connect(ServedNamespace namespace, String userId, Room... rooms) {
        Principal principal = new Principal(userId, Role.PATIENT, Optional.empty(), Set.of(),
                Instant.now().plusSeconds(60), Map.of());
        SocketSession socket = new SocketSession(namespace, principal, null, PermissivePlatform.INSTANCE,
                new LimitSettings(10, 10, 3, 50, 10, 1000, 10));
        namespace.add(socket);
        namespace.join(socket, Room.user(userId));
        for (Room room : rooms) {
            namespace.join(socket, room);
        }
        return socket;
    }
}
