package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code medsync-admin rooms}: the node's rooms and how many of its sockets are in each, a page at a time. */
@Command(name = "rooms",
        sortOptions = false,
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "List this node's rooms with their members, by namespace then room, a page at a time.")
final class RoomsCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--namespace", paramLabel = "N", description = "Only rooms of this namespace, e.g."
            + " /patient-pharmacy.")
    String namespace;

    @Option(names = "--q", paramLabel = "TEXT", description = "Only rooms whose name contains TEXT, in any case"
            + " (at most 128 characters).")
    String contains;

    @Mixin
    PageOptions paging;

    @Override
    public Integer call() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("namespace", paging.given("--namespace", namespace));
        filters.put("q", paging.given("--q", contains));
        return new PagedListing(admin, "rooms", RoomsCommand::table).print(paging, filters, admin.client()::rooms);
    }

    private static Table table(JsonNode rooms) {
        Table table = Table.of("NAMESPACE", "ROOM", "MEMBERS").alignRight(2);
        for (JsonNode room : rooms) {
            JsonNode members = room.path("members");
            table.row(Fields.text(room, "namespace"), Fields.text(room, "room"),
                    members.isNumber() ? members.asText() : null);
        }
        return table;
    }
}
