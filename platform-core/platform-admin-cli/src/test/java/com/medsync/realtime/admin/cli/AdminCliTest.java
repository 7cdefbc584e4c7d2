package com.medsync.realtime.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.admin.cli.Cli.Run;
import com.medsync.realtime.admin.cli.FakeAdminApi.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code medsync-admin} end to end: its real command line against a fake admin API on 127.0.0.1. */
@Timeout(30)
class AdminCliTest {

    private static final String TOKEN = "adm1n-t0ken-never-printed-8f3a";

    private static final String CHAT = "{\"id\":\"chat\",\"version\":\"1.0.0\",\"state\":\"STARTED\","
            + "\"description\":\"Chat rooms\",\"provides\":[\"chat:message\",\"chat:typing\"],\"failure\":null}";
    private static final String LEGACY = "{\"id\":\"legacy-aliases\",\"version\":\"1.0.0\",\"state\":\"STOPPED\","
            + "\"description\":\"Old event names on /\",\"provides\":[],\"failure\":null}";
    private static final String DISPATCH_FAILED = "{\"id\":\"dispatch\",\"version\":\"1.1.0\",\"state\":\"FAILED\","
            + "\"description\":\"Dispatch\",\"provides\":[\"dispatch:updated\"],"
            + "\"failure\":\"orders is not started\"}";

    private FakeAdminApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeAdminApi(TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Run run(String... args) {
        return Cli.run(Map.of("MEDSYNC_ADMIN_URL", api.url(), "MEDSYNC_ADMIN_TOKEN", TOKEN), TOKEN, args);
    }

    private Request onlyRequest() {
        assertThat(api.requests()).hasSize(1);
        Request request = api.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        return request;
    }

    @Test
    void pluginsListPrintsAnAlignedTable() {
        api.answer("GET", "/admin/plugins", 200, "[" + CHAT + "," + LEGACY + "]");

        Run run = run("plugins", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ID              VERSION  STATE    PROVIDES
                chat            1.0.0    STARTED  chat:message, chat:typing
                legacy-aliases  1.0.0    STOPPED  -
                """);
        assertThat(onlyRequest().method()).isEqualTo("GET");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/plugins");
    }

    @Test
    void pluginsListAddsTheFailureColumnWhenAPluginFailedAndStillSucceeds() {
        api.answer("GET", "/admin/plugins", 200, "[" + CHAT + "," + DISPATCH_FAILED + "]");

        Run run = run("plugins", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID        VERSION  STATE    PROVIDES                   FAILURE
                chat      1.0.0    STARTED  chat:message, chat:typing  -
                dispatch  1.1.0    FAILED   dispatch:updated           orders is not started
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "enable", "disable", "reload"})
    void eachPluginActionPostsToItsPathAndShowsThePlugin(String action) {
        api.answer("POST", "/admin/plugins/chat/" + action, 200, CHAT);

        Run run = run("plugins", action, "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ID    VERSION  STATE    PROVIDES
                chat  1.0.0    STARTED  chat:message, chat:typing
                """);
        Request request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/admin/plugins/chat/" + action);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void unloadDeletesThePlugin() {
        api.answer("DELETE", "/admin/plugins/chat", 200, "{\"id\":\"chat\",\"state\":\"UNLOADED\"}");

        Run run = run("plugins", "unload", "chat");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID    VERSION  STATE     PROVIDES
                chat  -        UNLOADED  -
                """);
        assertThat(onlyRequest().method()).isEqualTo("DELETE");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/plugins/chat");
    }

    @Test
    void loadPostsTheJarNameAsJson() {
        api.answer("POST", "/admin/plugins", 200, CHAT.replace("STARTED", "RESOLVED"));

        Run run = run("plugins", "load", "medsync-plugin-chat-1.0.0.jar");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("chat  1.0.0    RESOLVED");
        Request request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/admin/plugins");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"path\":\"medsync-plugin-chat-1.0.0.jar\"}");
    }

    @Test
    void anIdStaysOnePathSegment() {
        api.answer("POST", "/admin/plugins/..%2Fphases%2Fweek3/start", 200, CHAT);
        api.answer("POST", "/admin/plugins/%2E%2E/start", 200, CHAT);

        assertThat(run("plugins", "start", "../phases/week3").exitCode()).isZero();
        assertThat(run("plugins", "start", "..").exitCode()).isZero();
    }

    @Test
    void anOperationThatLeavesThePluginFailedExitsOneAndSaysWhy() {
        api.answer("POST", "/admin/plugins/dispatch/start", 200, DISPATCH_FAILED);

        Run run = run("plugins", "start", "dispatch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("dispatch  1.1.0    FAILED");
        assertThat(run.err()).isEqualTo("medsync-admin: plugin dispatch is FAILED: orders is not started\n");
    }

    @Test
    void phaseListMarksTheCurrentPhase() {
        api.answer("GET", "/admin/phases", 200, """
                {"current":"week3","phases":[
                 {"name":"week1","description":"canonical and legacy","plugins":["chat","orders","legacy-aliases"]},
                 {"name":"week3","description":"canonical only","plugins":["chat","orders"]}]}""");

        Run run = run("phase", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                   PHASE  PLUGINS                       DESCRIPTION
                   week1  chat, orders, legacy-aliases  canonical and legacy
                *  week3  chat, orders                  canonical only
                """);
        assertThat(onlyRequest().method()).isEqualTo("GET");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/phases");
    }

    @Test
    void phaseListSaysWhenNoPhaseWasApplied() {
        api.answer("GET", "/admin/phases", 200, """
                {"current":null,"phases":[{"name":"week1","description":"first","plugins":["chat"]}]}""");

        Run run = run("phase", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                   PHASE  PLUGINS  DESCRIPTION
                   week1  chat     first
                No phase applied yet.
                """);
    }

    @Test
    void phaseApplyPostsAndShowsThePlugins() {
        api.answer("POST", "/admin/phases/week3/apply", 200,
                "{\"current\":\"week3\",\"plugins\":[" + CHAT + "," + LEGACY + "]}");

        Run run = run("phase", "apply", "week3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                Phase week3 applied.

                ID              VERSION  STATE    PROVIDES
                chat            1.0.0    STARTED  chat:message, chat:typing
                legacy-aliases  1.0.0    STOPPED  -
                """);
        assertThat(onlyRequest().method()).isEqualTo("POST");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/phases/week3/apply");
    }

    @Test
    void aPhaseThatLeavesAPluginFailedExitsOne() {
        api.answer("POST", "/admin/phases/week1/apply", 200,
                "{\"current\":\"week1\",\"plugins\":[" + CHAT + "," + DISPATCH_FAILED + "]}");

        Run run = run("phase", "apply", "week1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("plugin dispatch is FAILED: orders is not started");
    }

    @Test
    void aPhaseAppliedInAClusterListsEveryNode() {
        api.answer("POST", "/admin/phases/week3/apply", 200, "{\"current\":\"week3\",\"plugins\":[" + CHAT
                + "],\"cluster\":{\"complete\":true,\"nodes\":[{\"node\":\"node-a\",\"state\":\"REACHED\","
                + "\"problem\":null},{\"node\":\"node-b\",\"state\":\"REACHED\",\"problem\":null}]}}");

        Run run = run("phase", "apply", "week3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                Phase week3 applied.

                ID    VERSION  STATE    PROVIDES
                chat  1.0.0    STARTED  chat:message, chat:typing

                NODE    STATE    PROBLEM
                node-a  REACHED  -
                node-b  REACHED  -
                """);
    }

    @Test
    void aPhaseSomeNodeDidNotReachExitsOneNamingTheNode() {
        api.answer("POST", "/admin/phases/week3/apply", 200, "{\"current\":\"week3\",\"plugins\":[" + CHAT
                + "],\"cluster\":{\"complete\":false,\"nodes\":[{\"node\":\"node-a\",\"state\":\"REACHED\"},"
                + "{\"node\":\"node-b\",\"state\":\"FAILED\",\"problem\":\"not started: 'chat' is not loaded\"},"
                + "{\"node\":\"node-c\",\"state\":\"PENDING\",\"problem\":\"has not adopted this plugin set yet\"}]}}");

        Run run = run("phase", "apply", "week3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("node-b  FAILED   not started: 'chat' is not loaded");
        assertThat(run.err()).isEqualTo("""
                medsync-admin: node node-b did not reach phase week3 (FAILED): not started: 'chat' is not loaded
                medsync-admin: node node-c did not reach phase week3 (PENDING): has not adopted this plugin set yet
                """);
    }

    @Test
    void phasePlanPostsAndShowsWhatWouldChangeWithoutApplyingIt() {
        api.answer("POST", "/admin/phases/week3/plan", 200, """
                {"phase":"week3","current":"week1","start":[],"stop":["legacy-aliases"],"namespacesAppear":[],
                 "namespacesVanish":["/"],"clientsDisconnected":3}""");

        Run run = run("phase", "plan", "week3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                Phase week3 (current: week1) would:
                  start plugins        -
                  stop plugins         legacy-aliases
                  open namespaces      -
                  close namespaces     /
                  disconnect clients   3 on this node

                Nothing was changed; `medsync-admin phase apply week3` applies it.
                """);
        assertThat(onlyRequest().method()).isEqualTo("POST");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/phases/week3/plan");
    }

    @Test
    void aPhasePlanInAClusterCountsEachNodesClients() {
        api.answer("POST", "/admin/phases/week1/plan", 200, """
                {"phase":"week1","current":null,"start":["orders","dispatch"],"stop":[],
                 "namespacesAppear":[],"namespacesVanish":[],"clientsDisconnected":0,
                 "cluster":[{"node":"node-a","clientsDisconnected":0},{"node":"node-b","clientsDisconnected":12}]}""");

        Run run = run("phase", "plan", "week1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Phase week1 (current: none) would:", "start plugins        orders, dispatch",
                """
                NODE    CLIENTS DISCONNECTED
                node-a                     0
                node-b                    12
                """);
    }

    @Test
    void aPlanOfAnUnknownPhaseExitsOneAndAnAnswerWithoutItsListsExitsThree() {
        api.answer("POST", "/admin/phases/week9/plan", 404, FakeAdminApi.error("NOT_FOUND", "no phase 'week9'"))
                .answer("POST", "/admin/phases/odd/plan", 200, "{\"phase\":\"odd\"}");

        Run unknown = run("phase", "plan", "week9");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no phase 'week9'");
        Run odd = run("phase", "plan", "odd");
        assertThat(odd.exitCode()).isEqualTo(3);
        assertThat(odd.err()).contains("\"start\"");
    }

    @Test
    void statsShowsNamespacesEventsAndUptime() {
        api.answer("GET", "/admin/stats", 200, """
                {"namespaces":{"/patient-pharmacy":{"connections":12,"rooms":30},"/":{"connections":3,"rooms":4}},
                 "events":{"in":100,"out":2000},"uptimeSeconds":3725}""");

        Run run = run("stats");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                NAMESPACE          CONNECTIONS  ROOMS
                /patient-pharmacy           12     30
                /                            3      4

                EVENTS IN  EVENTS OUT  UPTIME
                      100        2000  1h 2m 5s
                """);
        assertThat(onlyRequest().method()).isEqualTo("GET");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/stats");
    }

    @Test
    void jsonPrintsTheServersAnswerAsItIsWhereverTheOptionStands() {
        String plugins = "[" + CHAT + "]";
        String stats = "{\"namespaces\":{},\"events\":{\"in\":0,\"out\":0},\"uptimeSeconds\":1}";
        api.answer("GET", "/admin/plugins", 200, plugins).answer("GET", "/admin/stats", 200, stats);

        assertThat(run("--json", "plugins", "list").out()).isEqualTo(plugins + "\n");
        assertThat(run("plugins", "--json", "list").out()).isEqualTo(plugins + "\n");
        assertThat(run("plugins", "list", "--json").out()).isEqualTo(plugins + "\n");
        Run run = run("stats", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(stats + "\n");
    }

    /** A connection as {@code GET /admin/connections} describes it. */
    private static String connection(String id, String namespace, String user, String transport, String connectedAt,
            String rooms) {
        return "{\"id\":\"" + id + "\",\"namespace\":\"" + namespace + "\",\"userId\":\"" + user
                + "\",\"role\":\"patient\",\"transport\":\"" + transport + "\",\"rooms\":" + rooms
                + ",\"connectedAt\":\"" + connectedAt + "\",\"node\":\"single-node\"}";
    }

    private static String connectionsPage(String next, String... connections) {
        return "{\"connections\":[" + String.join(",", connections) + "],\"next\":"
                + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    @Test
    void connectionsPrintsOnePageAndTheCursorOfTheNext() {
        api.answer("GET", "/admin/connections?user=patient_456&transport=websocket&limit=2", 200, connectionsPage(
                "sock_b2",
                connection("sock_a1", "/patient-pharmacy", "patient_456", "websocket", "2024-12-20T10:30:00.123456Z",
                        "[\"user:patient_456\"]"),
                connection("sock_b2", "/", "patient_456", "websocket", "2024-12-20T10:31:05Z",
                        "[\"chat:room_1\",\"user:patient_456\"]")));

        Run run = run("connections", "--user", "patient_456", "--transport", "websocket", "--limit", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                SOCKET   NAMESPACE          USER         TRANSPORT  CONNECTED             ROOMS
                sock_a1  /patient-pharmacy  patient_456  websocket  2024-12-20T10:30:00Z  user:patient_456
                sock_b2  /                  patient_456  websocket  2024-12-20T10:31:05Z  chat:room_1, user:patient_456

                Next page: --cursor sock_b2
                """);
        assertThat(onlyRequest().method()).isEqualTo("GET");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/connections");
    }

    @Test
    void connectionFiltersAndTheCursorAreSentAsOneEncodedValueEach() {
        api.answer("GET", "/admin/connections?namespace=%2Fpatient-pharmacy&room=pharmacy%3Aph%201%26limit%3D9"
                + "&after=sock_b2", 200, connectionsPage(null));

        Run run = run("connections", "--room", "pharmacy:ph 1&limit=9", "--namespace", "/patient-pharmacy",
                "--cursor", "sock_b2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("SOCKET  NAMESPACE  USER  TRANSPORT  CONNECTED  ROOMS\n");
    }

    @Test
    void connectionsAllFollowsTheCursorsPrintingEachPageUnderOneHeader() {
        api.answer("GET", "/admin/connections?limit=1", 200, connectionsPage("sock_a1",
                        connection("sock_a1", "/patient-pharmacy", "patient_456", "websocket", "2024-12-20T10:30:00Z",
                                "[]")))
                .answer("GET", "/admin/connections?after=sock_a1&limit=1", 200, connectionsPage("sock_b2",
                        connection("sock_b2", "/", "pharmacist_with_a_long_name", "polling", "2024-12-20T10:31:00Z",
                                "[]")))
                .answer("GET", "/admin/connections?after=sock_b2&limit=1", 200, connectionsPage(null,
                        connection("sock_c3", "/", "p_1", "websocket", "2024-12-20T10:32:00Z", "[\"user:p_1\"]")));

        Run run = run("connections", "--all", "--limit", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Each page is printed as it comes: a wider value widens its column from its page on.
        assertThat(run.out()).isEqualTo("""
                SOCKET   NAMESPACE          USER         TRANSPORT  CONNECTED             ROOMS
                sock_a1  /patient-pharmacy  patient_456  websocket  2024-12-20T10:30:00Z  -
                sock_b2  /                  pharmacist_with_a_long_name  polling    2024-12-20T10:31:00Z  -
                sock_c3  /                  p_1                          websocket  2024-12-20T10:32:00Z  user:p_1
                """);
        assertThat(api.requests()).extracting(Request::rawQuery)
                .containsExactly("limit=1", "after=sock_a1&limit=1", "after=sock_b2&limit=1");

        Run json = run("connections", "--all", "--limit", "1", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"connections\":["));
    }

    @Test
    void aCursorThatDoesNotMoveOnEndsTheListingWithExitThree() {
        api.answer("GET", "/admin/connections?after=sock_a1", 200, connectionsPage("sock_a1",
                connection("sock_a1", "/", "p_1", "websocket", "2024-12-20T10:32:00Z", "[]")));

        Run run = run("connections", "--all", "--cursor", "sock_a1");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("medsync-admin: unexpected answer to GET /admin/connections?after=sock_a1:"
                + " expected \"next\": a cursor past the page's own\n");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void aFilterTheServerRefusesExitsOneNamingIt() {
        api.answer("GET", "/admin/connections?transport=carrier-pigeon", 400, "{\"error\":{\"code\":"
                + "\"INVALID_PARAMETER\",\"message\":\"query parameter 'transport' must be websocket or polling\","
                + "\"parameter\":\"transport\"}}");

        Run run = run("connections", "--transport", "carrier-pigeon");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("medsync-admin: query parameter 'transport' must be websocket or polling"
                + " (HTTP 400 INVALID_PARAMETER)\n");
    }

    @Test
    void aListingWithoutItsArrayExitsThree() {
        api.answer("GET", "/admin/connections", 200, "{\"sockets\":[],\"next\":null}")
                .answer("GET", "/admin/rooms", 200, "{\"rooms\":[],\"next\":7}");

        Run connections = run("connections", "--json");
        assertThat(connections.exitCode()).isEqualTo(3);
        assertThat(connections.out()).isEmpty();
        assertThat(connections.err()).contains("expected \"connections\": a JSON array of connections");
        assertThat(run("rooms").err()).contains("expected \"next\": a cursor or null");
    }

    @Test
    void roomsPrintsTheMemberCountsAndTheNextCursor() {
        api.answer("GET", "/admin/rooms?namespace=%2Fpatient-pharmacy&q=PHARMACY&after=%2Fpatient-pharmacy%2Cchat"
                + "%3Aroom_1&limit=2", 200, """
                {"rooms":[{"namespace":"/patient-pharmacy","room":"pharmacy:ph_1","members":12},
                 {"namespace":"/patient-pharmacy","room":"pharmacy:ph_2","members":3}],
                 "next":"/patient-pharmacy,pharmacy:ph_2"}""");

        Run run = run("rooms", "--namespace", "/patient-pharmacy", "--q", "PHARMACY", "--limit", "2",
                "--cursor", "/patient-pharmacy,chat:room_1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                NAMESPACE          ROOM           MEMBERS
                /patient-pharmacy  pharmacy:ph_1       12
                /patient-pharmacy  pharmacy:ph_2        3

                Next page: --cursor /patient-pharmacy,pharmacy:ph_2
                """);
    }

    @Test
    void disconnectSocketPostsAndSaysSo() {
        api.answer("POST", "/admin/connections/sock_a1/disconnect", 200, "{\"disconnected\":1}");

        Run run = run("disconnect", "socket", "sock_a1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("Socket sock_a1 disconnected.\n");
        Request request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/admin/connections/sock_a1/disconnect");
        assertThat(request.body()).isEmpty();
    }

    /** Socket ids are URL-safe Base64, so one in 64 begins with a dash; it is an id, not an option. */
    @ParameterizedTest
    @ValueSource(strings = {"-Ab3_x9", "-hQz", "--k2"})
    void aSocketIdBeginningWithADashIsTakenAsTheId(String id) {
        api.answer("POST", "/admin/connections/" + id + "/disconnect", 200, "{\"disconnected\":1}");

        Run run = run("disconnect", "socket", id);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Socket " + id + " disconnected.\n");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/connections/" + id + "/disconnect");
    }

    @Test
    void anUnknownOptionIsStillAUsageErrorThatNamesIt() {
        Run run = run("stats", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("medsync-admin: ").contains("'--bogus'");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void disconnectingAnUnknownSocketExitsOneWithTheServersMessage() {
        api.answer("POST", "/admin/connections/gone/disconnect", 404,
                FakeAdminApi.error("NOT_FOUND", "no socket 'gone' on this node"));

        Run run = run("disconnect", "socket", "gone");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("medsync-admin: no socket 'gone' on this node (HTTP 404 NOT_FOUND)\n");
    }

    @Test
    void disconnectUserOnASingleNodeSaysHowManySocketsWent() {
        api.answer("POST", "/admin/users/patient_456/disconnect", 200, "{\"disconnected\":2}");

        Run run = run("disconnect", "user", "patient_456");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("2 sockets of user patient_456 disconnected.\n");
        assertThat(onlyRequest().rawPath()).isEqualTo("/admin/users/patient_456/disconnect");
    }

    @Test
    void disconnectUserInAClusterListsEachNodesCount() {
        api.answer("POST", "/admin/users/patient_456/disconnect", 200, """
                {"disconnected":1,"cluster":{"disconnected":3,"nodes":[{"node":"node-a","disconnected":1},
                 {"node":"node-b","disconnected":2}],"unanswered":0}}""");

        Run run = run("disconnect", "user", "patient_456");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                3 sockets of user patient_456 disconnected in the cluster.

                NODE    DISCONNECTED
                node-a             1
                node-b             2
                """);
    }

    @Test
    void disconnectUserExitsOneWhenOtherNodesDidNotAnswerOrCouldNotBeAsked() {
        api.answer("POST", "/admin/users/patient_456/disconnect", 200, """
                {"disconnected":1,"cluster":{"disconnected":1,"nodes":[{"node":"node-a","disconnected":1}],
                 "unanswered":2}}""")
                .answer("POST", "/admin/users/patient_789/disconnect", 200, """
                {"disconnected":0,"cluster":{"disconnected":0,"nodes":[{"node":"node-a","disconnected":0}],
                 "unanswered":0,"problem":"Redis is unreachable"}}""");

        Run unanswered = run("disconnect", "user", "patient_456");
        assertThat(unanswered.exitCode()).isEqualTo(1);
        assertThat(unanswered.out()).contains("1 socket of user patient_456 disconnected in the cluster.",
                "node-a             1");
        assertThat(unanswered.err()).isEqualTo("medsync-admin: 2 other nodes did not answer in time; they still act"
                + " on the request, so their sockets of user patient_456 may not be gone yet\n");

        Run notAsked = run("disconnect", "user", "patient_789", "--json");
        assertThat(notAsked.exitCode()).isEqualTo(1);
        assertThat(notAsked.out()).startsWith("{\"disconnected\":0,");
        assertThat(notAsked.err()).isEqualTo("medsync-admin: the other nodes could not be asked, their sockets of"
                + " user patient_789 stay: Redis is unreachable\n");
    }

    @Test
    void aDisconnectAnswerWithoutItsCountExitsThree() {
        api.answer("POST", "/admin/users/patient_456/disconnect", 200, "{\"disconnected\":\"all\"}")
                .answer("POST", "/admin/connections/sock_a1/disconnect", 200, "{\"disconnected\":0}");

        assertThat(run("disconnect", "user", "patient_456").err())
                .contains("expected \"disconnected\": a number of sockets");
        Run socket = run("disconnect", "socket", "sock_a1");
        assertThat(socket.exitCode()).isEqualTo(3);
        assertThat(socket.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"connections", "rooms", "disconnect user patient_456", "disconnect socket sock_a1"})
    void theConnectionCommandsExitThreeOnAWrongToken(String command) {
        String wrong = "wr0ng-token-also-secret";

        Run run = Cli.run(Map.of("MEDSYNC_ADMIN_URL", api.url(), "MEDSYNC_ADMIN_TOKEN", wrong), wrong,
                command.split(" "));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("medsync-admin: the admin token was refused (401)");
    }

    @Test
    void anUnknownPluginExitsOneWithTheServersMessage() {
        api.answer("POST", "/admin/plugins/nope/start", 404,
                FakeAdminApi.error("NOT_FOUND", "no plugin 'nope'"));

        Run run = run("plugins", "start", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("medsync-admin: no plugin 'nope' (HTTP 404 NOT_FOUND)\n");
    }

    @Test
    void anUnknownPhaseExitsOne() {
        api.answer("POST", "/admin/phases/week9/apply", 404, FakeAdminApi.error("NOT_FOUND", "no phase 'week9'"));

        Run run = run("phase", "apply", "week9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no phase 'week9'");
    }

    @Test
    void aConflictExitsOneWithTheReason() {
        api.answer("POST", "/admin/plugins/orders/stop", 409,
                FakeAdminApi.error("CONFLICT", "dispatch depends on orders and is started"));

        Run run = run("plugins", "stop", "orders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "medsync-admin: dispatch depends on orders and is started (HTTP 409 CONFLICT)\n");
    }

    @Test
    void anInvalidRequestExitsOne() {
        api.answer("POST", "/admin/plugins", 422, FakeAdminApi.error("INVALID_FIELD", "no such jar: x.jar"));

        Run run = run("plugins", "load", "x.jar");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such jar: x.jar");
    }

    @Test
    void aWrongTokenExitsThreeWithoutPrintingAnyToken() {
        String wrong = "wr0ng-token-also-secret";

        Run run = Cli.run(Map.of("MEDSYNC_ADMIN_URL", api.url(), "MEDSYNC_ADMIN_TOKEN", wrong), wrong,
                "plugins", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(
                "medsync-admin: the admin token was refused (401); set MEDSYNC_ADMIN_TOKEN");
        assertThat(api.requests()).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + wrong));
    }

    @Test
    void aServerEchoingTheTokenInAnErrorNeverGetsItPrinted() {
        api.answer("POST", "/admin/plugins/chat/start", 409, FakeAdminApi.error("CONFLICT", "busy " + TOKEN));

        Run run = run("plugins", "start", "chat");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("busy ***");
    }

    @Test
    void withoutATokenNothingIsSentAndTheVariableIsNamed() {
        Run run = Cli.run(Map.of("MEDSYNC_ADMIN_URL", api.url()), TOKEN, "stats");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("medsync-admin: no admin token: set MEDSYNC_ADMIN_TOKEN (or pass --token)\n");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aClosedPortExitsThreeAndSaysConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        Run run = Cli.run(Map.of("MEDSYNC_ADMIN_URL", "http://127.0.0.1:" + closedPort, "MEDSYNC_ADMIN_TOKEN", TOKEN),
                TOKEN, "plugins", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "medsync-admin: cannot connect to http://127.0.0.1:" + closedPort + ": Connection refused\n");
    }

    @Test
    void aServerErrorOrAnAnswerThatIsNotUnderstoodExitsThree() {
        api.answer("GET", "/admin/plugins", 500, FakeAdminApi.error("INTERNAL", "internal error"))
                .answer("GET", "/admin/phases", 200, "<html>proxy login</html>")
                .answer("GET", "/admin/stats", 200, "[]")
                .answer("POST", "/admin/plugins/chat/start", 200, "[]");

        Run failed = run("plugins", "list");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).isEqualTo("medsync-admin: the server failed to carry out GET /admin/plugins:"
                + " internal error (HTTP 500 INTERNAL)\n");

        Run notJson = run("phase", "list");
        assertThat(notJson.exitCode()).isEqualTo(3);
        assertThat(notJson.err()).isEqualTo(
                "medsync-admin: unexpected answer to GET /admin/phases: HTTP 200 with a body that is not JSON\n");

        Run wrongShape = run("stats", "--json");
        assertThat(wrongShape.exitCode()).isEqualTo(3);
        assertThat(wrongShape.out()).isEmpty();
        assertThat(wrongShape.err()).contains("unexpected answer to GET /admin/stats: expected a JSON object");

        assertThat(run("plugins", "start", "chat").exitCode()).isEqualTo(3);
    }

    @Test
    void theUrlDefaultsToTheLocalHttpPortAndOptionsOverrideTheEnvironment() throws IOException {
        api.answer("GET", "/admin/stats", 200, "{\"namespaces\":{},\"events\":{\"in\":0,\"out\":0}}");

        Run byPort = Cli.run(Map.of("MEDSYNC_HTTP_PORT", String.valueOf(api.port()), "MEDSYNC_ADMIN_TOKEN", TOKEN),
                TOKEN, "stats");
        assertThat(byPort.exitCode()).isZero();

        try (FakeAdminApi other = new FakeAdminApi("other-token")) {
            other.answer("GET", "/admin/stats", 200, "{\"namespaces\":{}}");
            Run byOptions = Cli.run(Map.of("MEDSYNC_ADMIN_URL", api.url(), "MEDSYNC_ADMIN_TOKEN", TOKEN), TOKEN,
                    "--url", other.url() + "/", "stats", "--token", "other-token");
            assertThat(byOptions.exitCode()).isZero();
            assertThat(other.requests()).singleElement()
                    .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer other-token"));
        }
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("plugins").exitCode()).isEqualTo(2);
        assertThat(run("phase").exitCode()).isEqualTo(2);
        assertThat(run("plugins", "start").exitCode()).isEqualTo(2);
        assertThat(run("plugins", "start", "a", "b").exitCode()).isEqualTo(2);
        assertThat(run("plugins", "start", " ").exitCode()).isEqualTo(2);
        assertThat(run("plugin", "list").exitCode()).isEqualTo(2);
        Run unknown = run("plugins", "strat", "chat");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("start").endsWith(
                "Try 'medsync-admin plugins --help' for more information.\n");
        assertThat(run("stats", "--verbose").exitCode()).isEqualTo(2);
        assertThat(run("disconnect").exitCode()).isEqualTo(2);
        assertThat(run("disconnect", "user").exitCode()).isEqualTo(2);
        assertThat(run("disconnect", "user", " ").exitCode()).isEqualTo(2);
        assertThat(run("disconnect", "room", "chat:room_1").exitCode()).isEqualTo(2);
        assertThat(run("connections", "--limit", "ten").exitCode()).isEqualTo(2);
        Run emptyFilter = run("connections", "--user", "");
        assertThat(emptyFilter.exitCode()).isEqualTo(2);
        assertThat(emptyFilter.err()).startsWith("medsync-admin: --user must not be empty\n");
        assertThat(run("rooms", "--cursor", "").exitCode()).isEqualTo(2);

        Run badUrl = run("--url", "127.0.0.1:3001", "stats");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("Invalid --url: must start with http:// or https://");

        Run withPassword = Cli.run(Map.of("MEDSYNC_ADMIN_URL", "http://ops:pa55word@127.0.0.1:1",
                "MEDSYNC_ADMIN_TOKEN", TOKEN), "pa55word", "stats");
        assertThat(withPassword.exitCode()).isEqualTo(2);
        assertThat(withPassword.err()).contains("Invalid MEDSYNC_ADMIN_URL: must not contain a user name or password");

        Run badPort = Cli.run(Map.of("MEDSYNC_HTTP_PORT", "30o1", "MEDSYNC_ADMIN_TOKEN", TOKEN), TOKEN, "stats");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("Invalid MEDSYNC_HTTP_PORT '30o1'");

        assertThat(api.requests()).isEmpty();
    }

    @Test
    void helpAndVersionExitZeroWithoutTheToken() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: medsync-admin", "plugins", "phase", "stats", "connections", "rooms",
                "disconnect", "MEDSYNC_ADMIN_TOKEN", "Exit status:");

        Run connectionsHelp = run("connections", "--help");
        assertThat(connectionsHelp.exitCode()).isZero();
        assertThat(connectionsHelp.out()).contains("--namespace=N", "--user=U", "--room=R", "--transport=T",
                "--limit=K", "--cursor=C", "--all", "--json");

        Run subcommandHelp = run("plugins", "start", "--help");
        assertThat(subcommandHelp.exitCode()).isZero();
        assertThat(subcommandHelp.out()).contains("Usage: medsync-admin plugins start", "ID");

        Run version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("medsync-admin \\d+\\.\\d+\\.\\d+\\S*\n");

        assertThat(api.requests()).isEmpty();
    }
}
