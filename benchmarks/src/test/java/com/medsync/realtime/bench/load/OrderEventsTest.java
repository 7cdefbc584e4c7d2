package com.medsync.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class OrderEventsTest {

    @Test
    void aReceiverReadsBackTheSequenceAndPublishTimeOfTheFrameAServerSends() {
        String envelope = OrderEvents.envelope(123456, 987654321012L, "ph_3");
        String data = envelope.substring(envelope.indexOf("\"data\":") + 7, envelope.length() - 1);
        ByteBuf frame = Unpooled.copiedBuffer("42/patient-pharmacy,[\"order:new\"," + data + "]", StandardCharsets.UTF_8);

        assertThat(OrderEvents.read(frame)).isEqualTo(new OrderEvents.Stamp(123456, 987654321012L));
    }

    @Test
    void aFrameWithoutABenchmarkOrderHasNoStamp() {
        ByteBuf frame = Unpooled.copiedBuffer("42/patient-pharmacy,[\"chat:message\",{\"id\":\"m_1\"}]", StandardCharsets.UTF_8);

        assertThat(OrderEvents.read(frame)).isNull();
    }

    @Test
    void publishesSpreadEvenlyOverTheRoomsTheSocketsAreIn() {
        Audience audience = new Audience(5000, 50);

        assertThat(audience.roomSize(0)).isEqualTo(100);
        assertThat(audience.roomOfSocket(149)).isEqualTo(audience.roomOfPublish(49));
        assertThat(audience.fanOut()).isEqualTo(100.0);
    }
}
