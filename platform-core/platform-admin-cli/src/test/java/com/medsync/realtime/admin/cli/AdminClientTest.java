package com.medsync.realtime.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminClientTest {

    private static final String TOKEN = "t0ken-for-the-client-test";

    @Test
    void aSlowAnswerEndsWithTheRequestTimeoutAndSaysWhereToCheckAChangeThatMayStillRun() throws IOException {
        try (FakeAdminApi api = new FakeAdminApi(TOKEN)) {
            assertThat(timedOut(api, "POST", "/admin/phases/week3/apply", client -> client.applyPhase("week3")))
                    .isEqualTo("no answer from " + api.url() + " to POST /admin/phases/week3/apply within 300 ms;"
                            + " the server may still be carrying it out, check with `medsync-admin phase list`"
                            + " and `medsync-admin plugins list`");
            assertThat(timedOut(api, "POST", "/admin/users/u_1/disconnect", client -> client.disconnectUser("u_1")))
                    .endsWith("; the server may still be carrying it out, check with `medsync-admin connections`");
            assertThat(timedOut(api, "GET", "/admin/connections", client -> client.connections(Map.of())))
                    .isEqualTo("no answer from " + api.url() + " to GET /admin/connections within 300 ms");
        }
    }

    /** @return the message of the failure a call answered too late ends with */
    private static String timedOut(FakeAdminApi api, String method, String path, Function<AdminClient, Answer> call) {
        api.answer(method, path, 200, "{}", Duration.ofSeconds(5));
        AdminClient client = new AdminClient(ServerAddress.parse(api.url()), TOKEN, Duration.ofSeconds(5),
                Duration.ofMillis(300));
        AdminFailure failure = catchThrowableOfType(AdminFailure.class, () -> call.apply(client));
        assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        return failure.getMessage();
    }

    @Test
    void theQueryLeavesOutWhatIsNotGivenAndKeepsEachValueOneValue() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("namespace", "/");
        parameters.put("user", null);
        parameters.put("q", "a b&limit=1#é");

        assertThat(AdminClient.query(parameters)).isEqualTo("?namespace=%2F&q=a%20b%26limit%3D1%23%C3%A9");
        parameters.put("namespace", null);
        parameters.put("q", null);
        assertThat(AdminClient.query(parameters)).isEmpty();
    }

    @Test
    void segmentsAreEncodedSoThatNoIdLeavesItsPlace() {
        assertThat(AdminClient.segment("dispatch-kwik")).isEqualTo("dispatch-kwik");
        assertThat(AdminClient.segment("week1.5_b~")).isEqualTo("week1.5_b~");
        assertThat(AdminClient.segment("a/b c?d#e%")).isEqualTo("a%2Fb%20c%3Fd%23e%25");
        assertThat(AdminClient.segment("..")).isEqualTo("%2E%2E");
        assertThat(AdminClient.segment("é")).isEqualTo("%C3%A9");
    }

    @Test
    void theServerAddressKeepsAPathPrefixAndRefusesWhatItCannotUse() {
        assertThat(ServerAddress.parse("https://ops.example/realtime/").resolve("/admin/stats"))
                .hasToString("https://ops.example/realtime/admin/stats");
        assertThat(ServerAddress.parse("HTTP://127.0.0.1:3001")).hasToString("http://127.0.0.1:3001");
        assertThatThrownBy(() -> ServerAddress.parse("ftp://127.0.0.1")).hasMessageContaining("http://");
        assertThatThrownBy(() -> ServerAddress.parse("http://user:pw@127.0.0.1")).hasMessageContaining("password");
        assertThatThrownBy(() -> ServerAddress.parse("http://127.0.0.1/?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> ServerAddress.parse("http:///nohost")).hasMessageContaining("host");
    }

    @Test
    void uptimeLeavesOutLeadingZeroUnits() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertThat(StatsCommand.uptime(json.numberNode(0))).isEqualTo("0s");
        assertThat(StatsCommand.uptime(json.numberNode(59))).isEqualTo("59s");
        assertThat(StatsCommand.uptime(json.numberNode(3600))).isEqualTo("1h 0m 0s");
        assertThat(StatsCommand.uptime(json.numberNode(93_784))).isEqualTo("1d 2h 3m 4s");
        assertThat(StatsCommand.uptime(json.missingNode())).isNull();
    }

    @Test
    void handshakeTimesAreShownToTheSecondAndAnythingElseAsReceived() {
        assertThat(ConnectionsCommand.handshake("2024-12-20T10:30:00.123456789Z")).isEqualTo("2024-12-20T10:30:00Z");
        assertThat(ConnectionsCommand.handshake("2024-12-20T10:30:00Z")).isEqualTo("2024-12-20T10:30:00Z");
        assertThat(ConnectionsCommand.handshake("yesterday")).isEqualTo("yesterday");
        assertThat(ConnectionsCommand.handshake("")).isEmpty();
    }
}
