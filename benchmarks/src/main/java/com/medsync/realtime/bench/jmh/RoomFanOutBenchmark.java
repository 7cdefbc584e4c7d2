package com.medsync.realtime.bench.jmh;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Routing one event to every socket of a room: the frames a broadcast produces. {@code perRecipient} is
 * today's path (the platform hands one packet to each socket and netty-socketio encodes it once per socket);
 * {@code encodeOnce} encodes once and gives each socket a retained view of the same bytes, the fix the issue
 * asks for. The difference is what encode-once saves per broadcast.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoomFanOutBenchmark {

    @Param({"100", "1000"})
    public int recipients;

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private PacketEncoder encoder;
    private Packet packet;
    private ByteBuf[] frames;

    @Setup
    public void setUp() {
        encoder = BroadcastPackets.encoder();
        packet = BroadcastPackets.orderPacket(BroadcastPackets.orderData());
        frames = new ByteBuf[recipients];
    }

    @Benchmark
    public int perRecipient() throws IOException {
        int bytes = 0;
        for (int i = 0; i < recipients; i++) {
            ByteBuf out = allocator.buffer();
            encoder.encodePacket(packet, out, allocator, false);
            frames[i] = out;
        }
        return bytes + release();
    }

    @Benchmark
    public int encodeOnce() throws IOException {
        ByteBuf shared = allocator.buffer();
        encoder.encodePacket(packet, shared, allocator, false);
        for (int i = 0; i < recipients; i++) {
            frames[i] = shared.retainedDuplicate();
        }
        shared.release();
        return release();
    }

    /** Stands in for the socket writes: each frame is released once written. */
    private int release() {
        int bytes = 0;
        for (ByteBuf frame : frames) {
            bytes += frame.readableBytes();
            frame.release();
        }
        return bytes;
    }
}
