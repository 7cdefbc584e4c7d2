/**
 * The MedSync Realtime service-provider interface: what plugins and the server agree on, and nothing else.
 * Plugins compile against this artifact alone (scope {@code provided}); at run time the host shares these
 * packages, pf4j, Jackson and SLF4J with every plugin.
 */
module com.medsync.realtime.spi {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.pf4j;

    exports com.medsync.realtime.spi.auth;
    exports com.medsync.realtime.spi.room;
    exports com.medsync.realtime.spi.event;
    exports com.medsync.realtime.spi.store;
    exports com.medsync.realtime.spi.socket;
    exports com.medsync.realtime.spi.plugin;
}
