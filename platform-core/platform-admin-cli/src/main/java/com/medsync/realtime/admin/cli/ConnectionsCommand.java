package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code medsync-admin connections}: the node's sockets, a page at a time. */
@Command(name = "connections",
        sortOptions = false,
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "List this node's sockets in socket id order, a page at a time: id, namespace, user,"
                + " transport, handshake time (UTC) and rooms.")
final class ConnectionsCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--namespace", paramLabel = "N", description = "Only sockets of this namespace, e.g."
            + " /patient-pharmacy.")
    String namespace;

    @Option(names = "--user", paramLabel = "U", description = "Only sockets of this user (the token's sub), found"
            + " through the room user:U.")
    String user;

    @Option(names = "--room", paramLabel = "R", description = "Only sockets in this room, e.g. pharmacy:ph_1.")
    String room;

    @Option(names = "--transport", paramLabel = "T", description = "Only sockets on this transport: websocket or"
            + " polling.")
    String transport;

    @Mixin
    PageOptions paging;

    @Override
    public Integer call() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("namespace", paging.given("--namespace", namespace));
        filters.put("user", paging.given("--user", user));
        filters.put("room", paging.given("--room", room));
        filters.put("transport", paging.given("--transport", transport));
        return new PagedListing(admin, "connections", ConnectionsCommand::table)
                .print(paging, filters, admin.client()::connections);
    }

    // The rooms last: the one column whose width has no bound, so a wide one does not push the others about.
    private static Table table(JsonNode connections) {
        Table table = Table.of("SOCKET", "NAMESPACE", "USER", "TRANSPORT", "CONNECTED", "ROOMS");
        for (JsonNode connection : connections) {
            table.row(Fields.text(connection, "id"), Fields.text(connection, "namespace"),
                    Fields.text(connection, "userId"), Fields.text(connection, "transport"),
                    handshake(Fields.text(connection, "connectedAt")), Fields.list(connection, "rooms"));
        }
        return table;
    }

    /** To the second, which is what an operator compares, and one width for every row; as received otherwise. */
    static String handshake(String connectedAt) {
        try {
            return Instant.parse(connectedAt).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return connectedAt;
        }
    }
}
