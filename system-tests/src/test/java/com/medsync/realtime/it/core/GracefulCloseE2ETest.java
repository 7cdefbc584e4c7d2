package com.medsync.realtime.it.core;

import com.medsync.realtime.it.fixture.EmbeddedMedsync;
import com.medsync.realtime.it.fixture.TestEvents;
import com.medsync.realtime.it.support.Await;
import com.medsync.realtime.it.support.RawEngineIo;
import com.medsync.realtime.server.MedsyncServer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node shutting down closes every connection, as the reference server does: a long-polling client first
 * takes the packets already queued for it, in a response of their own, and the close packet comes in the next
 * one. (In one payload, socket.io-client takes events that precede a close only after its next CONNECT, after
 * the offset it recovers from: a recovering client would get them twice.)
 */
class GracefulCloseE2ETest {

    private static final String NS = MedsyncServer.CANONICAL_NAMESPACE;
    private static final Duration POLL = Duration.ofSeconds(5);

    @Test
    void aPollingClientTakesItsQueuedEventsBeforeTheClosePacketInAResponseOfTheirOwn() throws Exception {
        EmbeddedMedsync medsync = EmbeddedMedsync.start(Map.of("medsync.shutdown.drain", "0s"));
        TestEvents.all().forEach(medsync.server().publishedEvents()::register);
        Thread shutdown = new Thread(medsync.server()::shutdown, "test-shutdown");
        try (RawEngineIo client = RawEngineIo.pollingManual(medsync.socketPort())) {
            client.post("40" + NS + ",{\"token\":\"" + medsync.patientToken("patient_leaving") + "\"}");
            client.pollOnce(POLL);
            assertThat(client.awaitFrameStartingWith("40" + NS + ",")).contains("\"sid\"");
            // Queued while no poll is waiting, as between two polls of a busy client.
            for (int n = 1; n <= 2; n++) {
                assertThat(medsync.publish("{\"event\":\"test:broadcast\",\"data\":{\"n\":" + n
                        + "},\"to\":[\"user:patient_leaving\"]}").status()).isEqualTo(202);
            }
            // Accepted; a moment to be delivered into the client's queue (no poll is waiting to take them).
            Thread.sleep(200);

            shutdown.start();
            Await.until("the node to be shutting down", () -> medsync.get("/health/ready").status() == 503);
            // A moment for the shutdown to reach the close of the connections.
            Thread.sleep(100);
            int before = client.frames().size();
            assertThat(client.pollOnce(POLL).status()).isEqualTo(200);
            List<String> first = client.frames().subList(before, client.frames().size());
            assertThat(first).as("the first poll after the shutdown began").hasSize(2)
                    .allMatch(frame -> frame.startsWith("42" + NS + ",[\"test:broadcast\""));

            client.pollOnce(POLL);
            assertThat(client.frames().get(client.frames().size() - 1)).as("the next poll").isEqualTo("1");
        } finally {
            shutdown.join(10_000);
            medsync.close();
        }
    }
}
