package com.medsync.realtime.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResumePositionsTest {

    private final ResumePositions<String> positions = new ResumePositions<>();

    @Test
    void aRecipientSentNothingResumesAfterTheLastDelivery() {
        positions.delivered("e-1");
        positions.delivered("e-2");

        assertThat(positions.forget("socket-a")).contains("e-2");
    }

    @Test
    void aRecipientResumesBeforeTheFirstEventItWasSentWhateverCameLater() {
        positions.delivered("e-1");
        positions.sent("socket-a", Optional.of("e-1"));
        positions.delivered("e-2");
        positions.sent("socket-a", Optional.of("e-2"));
        positions.delivered("e-3");

        assertThat(positions.forget("socket-a")).contains("e-1");
    }

    @Test
    void aRecipientSentTheLogsFirstEventResumesFromTheStart() {
        positions.sent("socket-a", Optional.empty());
        positions.delivered("e-1");

        assertThat(positions.forget("socket-a")).isEmpty();
    }

    @Test
    void aForgottenOrDroppedRecipientStartsAfresh() {
        positions.sent("socket-a", Optional.of("e-0"));
        positions.delivered("e-1");
        positions.forget("socket-a");
        positions.sent("socket-b", Optional.of("e-1"));
        positions.drop("socket-b");
        positions.delivered("e-2");

        assertThat(positions.forget("socket-a")).contains("e-2");
        assertThat(positions.forget("socket-b")).contains("e-2");
    }

    @Test
    void aNodeJoiningASharedLogStartsAfterItsPositionUnlessItDeliveredAlready() {
        positions.startsAfter("e-40");
        assertThat(positions.lastDelivered()).contains("e-40");

        positions.delivered("e-41");
        positions.startsAfter("e-10");
        assertThat(positions.lastDelivered()).contains("e-41");
    }
}
