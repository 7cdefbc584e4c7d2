package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code medsync-admin disconnect ...}: sends sockets away with a Socket.IO DISCONNECT, so their clients report
 * {@code io server disconnect} and do not reconnect by themselves.
 */
@Command(name = "disconnect",
        scope = ScopeType.INHERIT,
        footerHeading = "%n",
        footer = "Environment variables and exit statuses: medsync-admin --help",
        description = "Send a socket, or every socket of a user, away: the client is told 'io server disconnect' and"
                + " does not reconnect by itself.")
final class DisconnectCommand implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: socket or user");
    }

    @Command(name = "socket", description = "Disconnect one socket of this node.")
    int socket(@Parameters(paramLabel = "ID", preprocessor = DashedId.class,
            description = "The socket id, as `connections` shows it.") String id) {
        Answer answer = admin.client().disconnectSocket(AdminCommand.nonBlank(spec, id, "ID"));
        if (count(answer, answer.object("the disconnect")) != 1) {
            throw answer.unexpected("\"disconnected\": 1");
        }
        admin.show(answer, received -> "Socket " + Table.clean(id) + " disconnected.\n");
        return ExitCodes.OK;
    }

    @Command(name = "user",
            description = "Disconnect every socket of a user (the token's sub), on every namespace; in a cluster on"
                    + " every node, with each node's count.")
    int user(@Parameters(paramLabel = "ID", preprocessor = DashedId.class,
            description = "The user id, e.g. patient_456.") String id) {
        Answer answer = admin.client().disconnectUser(AdminCommand.nonBlank(spec, id, "ID"));
        JsonNode body = answer.object("the disconnect");
        int here = count(answer, body);
        String user = Table.clean(id);
        JsonNode cluster = body.path("cluster");
        if (cluster.isMissingNode()) {
            admin.show(answer, received -> sockets(here) + " of user " + user + " disconnected.\n");
            return ExitCodes.OK;
        }
        if (!cluster.path("nodes").isArray()) {
            throw answer.unexpected("\"cluster\": a JSON object with a \"nodes\" array");
        }
        int total = count(answer, cluster);
        Table nodes = Table.of("NODE", "DISCONNECTED").alignRight(1);
        for (JsonNode node : cluster.path("nodes")) {
            nodes.row(Fields.text(node, "node"), count(answer, node));
        }
        admin.show(answer, received -> sockets(total) + " of user " + user + " disconnected in the cluster.\n\n"
                + nodes.render());
        return admin.shortfalls(missed(cluster, user));
    }

    /**
     * Why sockets of the user may still be connected somewhere: other nodes did not answer in time (they act on
     * the request all the same, later), or could not be asked at all.
     */
    private static List<String> missed(JsonNode cluster, String user) {
        List<String> lines = new ArrayList<>();
        int unanswered = cluster.path("unanswered").asInt(0);
        if (unanswered == 1) {
            lines.add("1 other node did not answer in time; it still acts on the request, so its sockets of user "
                    + user + " may not be gone yet");
        } else if (unanswered > 1) {
            lines.add(unanswered + " other nodes did not answer in time; they still act on the request, so their"
                    + " sockets of user " + user + " may not be gone yet");
        }
        if (cluster.path("problem").isTextual()) {
            lines.add("the other nodes could not be asked, their sockets of user " + user + " stay: "
                    + Table.clean(cluster.path("problem").asText()));
        }
        return lines;
    }

    private static int count(Answer answer, JsonNode object) {
        JsonNode disconnected = object.path("disconnected");
        if (!disconnected.isInt() || disconnected.asInt() < 0) {
            throw answer.unexpected("\"disconnected\": a number of sockets");
        }
        return disconnected.asInt();
    }

    private static String sockets(int count) {
        return count == 1 ? "1 socket" : count + " sockets";
    }
}
