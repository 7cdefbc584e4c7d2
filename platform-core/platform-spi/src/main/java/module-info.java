/**
 * The MedSync Realtime service-provider interface: what plugins and the server agree on, and nothing else.
 */
module com.medsync.realtime.spi {
    requires transitive com.fasterxml.jackson.databind;

    exports com.medsync.realtime.spi.auth;
    exports com.medsync.realtime.spi.room;
    exports com.medsync.realtime.spi.event;
    exports com.medsync.realtime.spi.store;
}
