package com.medsync.realtime.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.event.EventTranslator;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.spi.socket.ClientEvent;
import com.medsync.realtime.spi.socket.ClientSocket;
import com.medsync.realtime.spi.socket.SocketListener;

import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Test plugin "conformance": the reference server of the official Socket.IO protocol test suite
 * (socketio/socket.io-protocol, {@code test-suite/}, Readme "Test suite"), as far as the SPI allows:
 * <ul>
 *   <li>serves {@code /} and {@code /custom};</li>
 *   <li>on connect, emits {@code auth} with the handshake's auth payload (the principal's claims, which the
 *       conformance authenticator fills with it) on the namespaces of {@code auth-namespaces} in its plugin
 *       config (default {@code /} and {@code /custom}, as the reference server does);</li>
 *   <li>answers {@code message} with {@code message-back} and all of its arguments;</li>
 *   <li>acknowledges {@code message-with-ack} with all of its arguments.</li>
 * </ul>
 * Test fixture only; no production code knows about it.
 */
@Extension
public final class ConformanceFeature implements MedsyncFeature {

    public static final String PLUGIN_ID = "conformance";
    public static final String CUSTOM_NAMESPACE = "/custom";

    @Override
    public void start(FeatureContext context) {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> authNamespaces = new HashSet<>();
        JsonNode configured = context.config().path("auth-namespaces");
        if (configured.isArray()) {
            configured.forEach(ns -> authNamespaces.add(ns.asText()));
        } else {
            authNamespaces.add("/");
            authNamespaces.add(CUSTOM_NAMESPACE);
        }

        context.serveNamespace("/", EventTranslator.CANONICAL);
        context.serveNamespace(CUSTOM_NAMESPACE, EventTranslator.CANONICAL);

        context.handleClientEvent("message", event -> event.socket().emit("message-back", allArgs(event).toArray(JsonNode[]::new)));
        context.handleClientEvent("message-with-ack", event -> event.ack().reply(allArgs(event)));
        context.addSocketListener(new SocketListener() {
            @Override
            public void onConnect(ClientSocket socket) {
                if (authNamespaces.contains(socket.namespace())) {
                    socket.emit("auth", mapper.valueToTree(socket.principal().claims()));
                }
            }
        });
    }

    private static List<JsonNode> allArgs(ClientEvent event) {
        List<JsonNode> args = new ArrayList<>();
        event.args().forEach(args::add);
        return args;
    }
}
