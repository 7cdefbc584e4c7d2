package com.medsync.realtime.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminClientTest {

    private static final String TOKEN = "t0ken-for-the-client-test";

    @Test
    void aSlowAnswerEndsWithTheRequestTimeoutAndSaysTheOperationMayStillRun() throws IOException {
        try (FakeAdminApi api = new FakeAdminApi(TOKEN)) {
            api.answer("POST", "/admin/phases/week3/apply", 200, "{}", Duration.ofSeconds(5));
            AdminClient client = new AdminClient(ServerAddress.parse(api.url()), TOKEN, Duration.ofSeconds(5),
                    Duration.ofMillis(300));

            assertThatThrownBy(() -> client.applyPhase("week3"))
                    .isInstanceOfSatisfying(AdminFailure.class,
                            failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
                    .hasMessage("no answer from " + api.url() + " to POST /admin/phases/week3/apply within 300 ms;"
                            + " the server may still be carrying it out, check with `medsync-admin phase list`"
                            + " and `medsync-admin plugins list`");
        }
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
}
