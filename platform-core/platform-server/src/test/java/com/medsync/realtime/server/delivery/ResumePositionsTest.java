package com.medsync.realtime.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResumePositionsTest {

    /** A recipient as the positions see it: the field they keep on it. */
    private static final class Recipient {
        Optional<String> beforeFirstSent;
    }

    private final ResumePositions<Recipient> positions = new ResumePositions<>(
            recipient -> recipient.beforeFirstSent, (recipient, offset) -> recipient.beforeFirstSent = offset);
    private final Recipient socketA = new Recipient();
    private final Recipient socketB = new Recipient();

    @Test
    void aRecipientSentNothingResumesAfterTheLastDelivery() {
        positions.delivered("e-1");
        positions.delivered("e-2");

        assertThat(positions.forget(socketA)).contains("e-2");
    }

    @Test
    void aRecipientResumesBeforeTheFirstEventItWasSentWhateverCameLater() {
        positions.delivered("e-1");
        positions.sent(socketA, Optional.of("e-1"));
        positions.delivered("e-2");
        positions.sent(socketA, Optional.of("e-2"));
        positions.delivered("e-3");

        assertThat(positions.forget(socketA)).contains("e-1");
    }

    @Test
    void aRecipientSentTheLogsFirstEventResumesFromTheStart() {
        positions.sent(socketA, Optional.empty());
        positions.delivered("e-1");

        assertThat(positions.forget(socketA)).isEmpty();
    }

    @Test
    void aForgottenOrDroppedRecipientStartsAfresh() {
        positions.sent(socketA, Optional.of("e-0"));
        positions.delivered("e-1");
        positions.forget(socketA);
        positions.sent(socketB, Optional.of("e-1"));
        positions.drop(socketB);
        positions.delivered("e-2");

        assertThat(positions.forget(socketA)).contains("e-2");
        assertThat(positions.forget(socketB)).contains("e-2");
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
