package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code medsync-admin stats}: what the node is serving right now. */
@Command(name = "stats",
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "Show connections and rooms per namespace, events in and out, uptime.")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Override
    public Integer call() {
        Answer answer = admin.client().stats();
        JsonNode stats = answer.object("the stats");
        JsonNode namespaces = stats.path("namespaces");
        if (!namespaces.isObject()) {
            throw answer.unexpected("\"namespaces\": a JSON object of namespaces");
        }
        admin.show(answer, received -> render(stats));
        return ExitCodes.OK;
    }

    private static String render(JsonNode stats) {
        Table namespaces = Table.of("NAMESPACE", "CONNECTIONS", "ROOMS").alignRight(1, 2);
        for (Map.Entry<String, JsonNode> namespace : stats.path("namespaces").properties()) {
            namespaces.row(namespace.getKey(), number(namespace.getValue().path("connections")),
                    number(namespace.getValue().path("rooms")));
        }
        Table totals = Table.of("EVENTS IN", "EVENTS OUT", "UPTIME").alignRight(0, 1)
                .row(number(stats.path("events").path("in")), number(stats.path("events").path("out")),
                        uptime(stats.path("uptimeSeconds")));
        return namespaces.render() + "\n" + totals.render();
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? value.asText() : null;
    }

    /** {@code 3d 4h 5m 6s}, leading zero units left out. */
    static String uptime(JsonNode seconds) {
        if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
            return null;
        }
        long total = seconds.asLong();
        long[] amounts = {total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60, total % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0 || text.length() > 0 || i == amounts.length - 1) {
                text.append(text.length() > 0 ? " " : "").append(amounts[i]).append(units[i]);
            }
        }
        return text.toString();
    }
}
