/**
 * A small HTTP/1.1 API server on Netty: its own request parser, routing, JSON errors, bearer keys, body limits.
 *
 * <p>Only the server assembles the HTTP API, so the package is exported to it alone.
 */
@SuppressWarnings("module") // the qualified export names a module that is compiled after this one
module com.medsync.realtime.http {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    // JsonNode and ObjectMapper appear in this module's API.
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports com.medsync.realtime.http to com.medsync.realtime.server;
}
