package com.medsync.realtime.server.socket;

/** Handles one client event name on every served namespace. */
@FunctionalInterface
public interface ClientEventHandler {

    void handle(ClientEvent event);
}
