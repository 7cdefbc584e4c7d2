/**
 * {@code medsync-admin}: the operator command line for a MedSync Realtime node's admin API (plugins, migration
 * phases, stats, connections and rooms, disconnects).
 *
 * <p>Nothing is exported: the module is only ever launched ({@code -m .../Main}). Picocli builds the commands by
 * reflection on their annotated fields and methods, hence the qualified {@code opens}.
 */
module com.medsync.realtime.admin.cli {
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    opens com.medsync.realtime.admin.cli to info.picocli;
}
