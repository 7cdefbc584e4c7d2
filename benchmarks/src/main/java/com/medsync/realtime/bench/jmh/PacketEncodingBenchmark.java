package com.medsync.realtime.bench.jmh;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Encoding one {@code order:new} EVENT packet for one WebSocket frame: the platform's packet
 * ({@code Packets.event}) through netty-socketio's {@code PacketEncoder} with Jackson, which is what happens
 * per recipient today.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketEncodingBenchmark {

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private PacketEncoder encoder;
    private JsonNode data;

    @Setup
    public void setUp() {
        encoder = BroadcastPackets.encoder();
        data = BroadcastPackets.orderData();
    }

    @Benchmark
    public int encodeOrderNew() throws IOException {
        Packet packet = BroadcastPackets.orderPacket(data);
        ByteBuf out = allocator.buffer();
        try {
            encoder.encodePacket(packet, out, allocator, false);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
