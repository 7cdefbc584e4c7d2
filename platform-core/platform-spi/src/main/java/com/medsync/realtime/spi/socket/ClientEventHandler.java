package com.medsync.realtime.spi.socket;

/**
 * Handles one client event name on every served namespace. Called off the network threads, in the order
 * the socket sent its events. An exception is logged and answered as {@link AckError#INTERNAL}; it never
 * closes the connection.
 */
@FunctionalInterface
public interface ClientEventHandler {

    void handle(ClientEvent event);
}
