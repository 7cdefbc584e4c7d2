package com.medsync.realtime.server.adminui;

import com.medsync.realtime.server.socket.SocketSession;
import com.medsync.realtime.server.socket.engine.HandshakeRequest;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A socket as the Admin UI shows it ({@code SerializedSocket} of its protocol): id, client, transport, namespace,
 * data, handshake and rooms, with the socket's own id first among its rooms as Socket.IO puts every socket in a
 * room of its own (the UI lists that one as private).
 *
 * <p>What the UI gets of the handshake leaves credentials out: the token a client may send in a header or in the
 * query would let whoever reads the UI act as that user. The CONNECT's auth payload is never shown (nor is it by the
 * reference server).
 */
final class SocketDescription {

    static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Set<String> SECRET_QUERY_PARAMETERS = Set.of("token", "access_token");
    private static final Pattern SECRET_IN_URL = Pattern.compile("([?&](?:token|access_token)=)[^&#]*",
            Pattern.CASE_INSENSITIVE);

    private SocketDescription() {
    }

    static Map<String, Object> of(SocketSession socket) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", socket.id());
        described.put("clientId", socket.clientId());
        described.put("transport", socket.transport());
        described.put("nsp", socket.namespace());
        described.put("data", data(socket.principal()));
        described.put("handshake", handshake(socket.handshakeRequest()));
        List<String> rooms = new ArrayList<>();
        rooms.add(socket.id());
        for (Room room : socket.rooms()) {
            rooms.add(room.name());
        }
        described.put("rooms", rooms);
        return described;
    }

    /** Who the socket is, from its token: what Socket.IO apps usually keep in {@code socket.data}. */
    private static Map<String, Object> data(Principal principal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", principal.userId());
        data.put("role", principal.role().wireName());
        principal.pharmacyId().ifPresent(id -> data.put("pharmacyId", id));
        return data;
    }

    static Map<String, Object> handshake(HandshakeRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name,
                SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : value));
        Map<String, Object> query = new LinkedHashMap<>();
        request.query().forEach((name, values) -> {
            Object value = values.size() == 1 ? values.get(0) : values;
            query.put(name, SECRET_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : value);
        });
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("address", address(request, headers));
        handshake.put("headers", headers);
        handshake.put("query", query);
        handshake.put("issued", request.time().toEpochMilli());
        // Behind a load balancer that ends TLS, its header is the only witness.
        handshake.put("secure", "https".equalsIgnoreCase(headers.getOrDefault("x-forwarded-proto", "")));
        handshake.put("time", request.time().toString());
        handshake.put("url", request.url() == null ? null : SECRET_IN_URL.matcher(request.url())
                .replaceAll("$1" + REDACTED));
        handshake.put("xdomain", request.xdomain());
        return handshake;
    }

    /** As the reference server: the client's address as a proxy reports it, else the peer's. */
    private static String address(HandshakeRequest request, Map<String, String> headers) {
        String forwarded = headers.getOrDefault("cf-connecting-ip", headers.get("x-forwarded-for"));
        if (forwarded != null) {
            return forwarded;
        }
        return request.address() == null || request.address().getAddress() == null ? null
                : request.address().getAddress().getHostAddress();
    }
}
