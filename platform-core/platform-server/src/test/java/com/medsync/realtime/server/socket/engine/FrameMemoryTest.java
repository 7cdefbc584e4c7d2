package com.medsync.realtime.server.socket.engine;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameMemoryTest {

    private final FrameMemory memory = new FrameMemory();

    @Test
    void eachFrameGetsExactlyItsSizeAsADirectBufferAtPositionZero() {
        ByteBuffer frame = memory.allocate(37);

        assertThat(frame.isDirect()).isTrue();
        assertThat(frame.position()).isZero();
        assertThat(frame.limit()).isEqualTo(37);
        assertThat(frame.capacity()).isEqualTo(37);
    }

    @Test
    void framesCutFromOneBlockDoNotOverlap() {
        List<ByteBuffer> frames = new ArrayList<>();
        // More than one block's worth, so that a block runs out on the way.
        for (int i = 0; i < 3 * FrameMemory.BLOCK_BYTES / 101; i++) {
            ByteBuffer frame = memory.allocate(101);
            while (frame.hasRemaining()) {
                frame.put((byte) i);
            }
            frames.add(frame);
        }

        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer frame = frames.get(i);
            for (int at = 0; at < frame.limit(); at++) {
                assertThat(frame.get(at)).as("frame %d, byte %d", i, at).isEqualTo((byte) i);
            }
        }
    }

    @Test
    void aFrameTooLargeToShareABlockGetsABufferOfItsOwn() {
        ByteBuffer large = memory.allocate(FrameMemory.LARGEST_SHARED + 1);
        ByteBuffer whole = memory.allocate(FrameMemory.BLOCK_BYTES * 2);

        assertThat(large.capacity()).isEqualTo(FrameMemory.LARGEST_SHARED + 1);
        assertThat(whole.capacity()).isEqualTo(FrameMemory.BLOCK_BYTES * 2);
        assertThat(whole.isDirect()).isTrue();
    }
}
