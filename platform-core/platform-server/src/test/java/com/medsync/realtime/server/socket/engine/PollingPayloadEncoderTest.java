package com.medsync.realtime.server.socket.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Polling payloads as netty-socketio's encoder handler asks for them: at most 50 packets each. */
class PollingPayloadEncoderTest {

    private static final int LIMIT = 50;

    private final Configuration configuration = new Configuration();

    @Test
    void packetsBeyondThePayloadsLimitStayQueuedForTheNextPoll() throws Exception {
        Queue<Packet> queue = numbered(0, 120);
        PacketEncoder encoder = new PollingPayloadEncoder(configuration);

        assertThat(payload(encoder, queue)).isEqualTo(numbers(0, 50));
        assertThat(payload(encoder, queue)).isEqualTo(numbers(50, 100));
        assertThat(payload(encoder, queue)).isEqualTo(numbers(100, 120));
        assertThat(queue).isEmpty();
    }

    @Test
    void aPayloadOfExactlyTheLimitLeavesNothingBehindAndTakesNothingMore() throws Exception {
        Queue<Packet> queue = numbered(0, LIMIT);
        PacketEncoder encoder = new PollingPayloadEncoder(configuration);

        assertThat(payload(encoder, queue)).isEqualTo(numbers(0, LIMIT));
        queue.addAll(numbered(LIMIT, LIMIT + 1));
        assertThat(payload(encoder, queue)).isEqualTo(numbers(LIMIT, LIMIT + 1));
    }

    @Test
    void theBase64PayloadKeepsWhatDoesNotFitToo() throws Exception {
        Queue<Packet> queue = numbered(0, 60);

        ByteBuf out = Unpooled.buffer();
        new PollingPayloadEncoder(configuration).encodeJsonP(null, queue, out, ByteBufAllocator.DEFAULT, LIMIT);

        assertThat(queue).hasSize(10);
        assertThat(queue.peek().getData().toString()).isEqualTo("50");
        out.release();
    }

    /** Why this class exists: if netty-socketio fixes its loop, this fails and the class can go. */
    @Test
    void nettySocketIosOwnEncoderLosesThePacketAfterAFullPayload() throws Exception {
        Queue<Packet> queue = numbered(0, 120);
        PacketEncoder encoder = new PacketEncoder(configuration, null);

        assertThat(payload(encoder, queue)).isEqualTo(numbers(0, 50));
        assertThat(payload(encoder, queue)).as("packet 50 was taken for the first payload and dropped")
                .isEqualTo(numbers(51, 101));
    }

    /** PONG packets carry their text as is, so a payload reads back without a JSON library. */
    private static Queue<Packet> numbered(int from, int to) {
        Queue<Packet> queue = new ConcurrentLinkedQueue<>();
        IntStream.range(from, to).forEach(n -> {
            Packet packet = new Packet(PacketType.PONG, EngineIOVersion.V4);
            packet.setData(String.valueOf(n));
            queue.add(packet);
        });
        return queue;
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> "3" + n).toList();
    }

    private static List<String> payload(PacketEncoder encoder, Queue<Packet> queue) throws Exception {
        ByteBuf out = Unpooled.buffer();
        encoder.encodePackets(queue, out, ByteBufAllocator.DEFAULT, LIMIT);
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        return List.of(text.split("\u001e"));
    }
}
