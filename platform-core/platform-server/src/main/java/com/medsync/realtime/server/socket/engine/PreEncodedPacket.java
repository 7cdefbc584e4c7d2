package com.medsync.realtime.server.socket.engine;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import com.medsync.realtime.server.event.EncodedPacket;

/**
 * An event packet without binary attachments whose whole Engine.IO text payload ({@code 42/ns,["event",...]})
 * was encoded once when it was built, together with the WebSocket text frame that carries it.
 * {@link WebSocketPacketWriter} writes that frame as it is to every WebSocket the packet goes to; a polling
 * client gets the packet through netty-socketio's encoder, which copies the pre-encoded arguments
 * ({@link PreEncodedJsonSupport}).
 *
 * <p>The frame lives in direct memory that the garbage collector frees ({@link FrameMemory}), so a socket's write
 * neither copies it nor has to release it: a packet dropped with the queue of a closed client leaks nothing.
 *
 * <p>One instance is shared by every recipient of a broadcast, from many threads: nothing may change it
 * after it is built.
 */
final class PreEncodedPacket extends Packet implements EncodedPacket {

    private static final long serialVersionUID = 1L;
    /** FIN and the text opcode: a whole frame; a server's frames are never masked. */
    private static final int FINAL_TEXT_FRAME = 0x81;
    private static final FrameMemory FRAME_MEMORY = new FrameMemory();

    private final transient ByteBuf frame;
    /** Where the frame's bytes are, for a write straight to a socket; 0 where buffers have no address. */
    private final transient long frameAddress;
    private final int headerLength;

    private PreEncodedPacket(String wireNamespace, String event, EncodedArguments arguments) {
        super(PacketType.MESSAGE, EngineIOVersion.V4);
        setSubType(PacketType.EVENT);
        setNsp(wireNamespace);
        setName(event);
        setData(List.of(arguments));
        byte[] namespace = wireNamespace.isEmpty() ? new byte[0]
                : (wireNamespace + ",").getBytes(StandardCharsets.UTF_8);
        byte[] json = arguments.json();
        int payloadLength = 2 + namespace.length + json.length;
        this.headerLength = headerLength(payloadLength);
        ByteBuffer bytes = FRAME_MEMORY.allocate(headerLength + payloadLength);
        writeHeader(bytes, payloadLength);
        bytes.put((byte) ('0' + PacketType.MESSAGE.getValue()));
        bytes.put((byte) ('0' + PacketType.EVENT.getValue()));
        bytes.put(namespace);
        bytes.put(json);
        bytes.flip();
        this.frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
        this.frameAddress = frame.hasMemoryAddress() ? frame.memoryAddress() + frame.readerIndex() : 0;
    }

    static PreEncodedPacket event(String wireNamespace, String event, EncodedArguments arguments) {
        return new PreEncodedPacket(wireNamespace, event, arguments);
    }

    /** @return the length of the Engine.IO payload, without the frame's header */
    int payloadLength() {
        return frame.readableBytes() - headerLength;
    }

    /** @return the whole WebSocket frame, as a buffer of its own for one socket's write (no copy) */
    ByteBuf frame() {
        return frame.duplicate();
    }

    /**
     * @return the address of the whole frame's first byte, valid while this packet is reachable; 0 where direct
     *     buffers have no address (no {@code sun.misc.Unsafe})
     */
    long frameAddress() {
        return frameAddress;
    }

    /** @return the length of the whole frame, header included */
    int frameLength() {
        return frame.readableBytes();
    }

    /** @return the Engine.IO payload alone, as a buffer of its own for one socket's write (no copy) */
    ByteBuf payload() {
        return frame.slice(headerLength, payloadLength());
    }

    /** RFC 6455 section 5.2: 7-bit lengths up to 125, then 16-bit after 126, then 64-bit after 127. */
    private static int headerLength(int payloadLength) {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    private static void writeHeader(ByteBuffer bytes, int payloadLength) {
        bytes.put((byte) FINAL_TEXT_FRAME);
        if (payloadLength <= 125) {
            bytes.put((byte) payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            bytes.put((byte) 126);
            bytes.putShort((short) payloadLength);
        } else {
            bytes.put((byte) 127);
            bytes.putLong(payloadLength);
        }
    }
}
