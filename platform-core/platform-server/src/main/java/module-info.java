/**
 * The MedSync Realtime server. It exports nothing: it is an application, and plugins see only the SPI
 * module ({@code com.medsync.realtime.spi}).
 */
module com.medsync.realtime.server {
    requires com.medsync.realtime.spi;
    requires com.medsync.realtime.auth;
    requires com.medsync.realtime.http;

    requires netty.socketio;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires io.netty.codec.http;
    requires com.fasterxml.jackson.databind;
    requires typesafe.config;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;
    requires java.net.http;
    requires java.management;
    requires lettuce.core;
    // at.favre.lib:bcrypt and its at.favre.lib:bytes declare no module name: automatic modules named after their jars.
    requires bcrypt;

    // The admin API serializes these records with Jackson.
    opens com.medsync.realtime.server.plugin.admin to com.fasterxml.jackson.databind;
    opens com.medsync.realtime.server.plugin.host to com.fasterxml.jackson.databind;
}
