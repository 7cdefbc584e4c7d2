package com.medsync.realtime.server.socket.engine;

import java.nio.ByteBuffer;

/**
 * Direct memory for the frames of pre-encoded packets ({@link PreEncodedPacket}), cut from shared blocks. A
 * direct buffer of its own per frame cost a {@code malloc}, its zeroing and a cleaner for the collector to
 * process, once per event: 0.8% of the server's CPU with 10 and with 100 recipients per event (issue #12's
 * profiles). A block holds dozens of frames and, like a frame's own buffer before, is freed by the collector,
 * once no frame cut from it is reachable (each slice of a direct buffer keeps its block reachable).
 *
 * <p>Blocks are small because a frame held for long, in the queue of a client that does not read, keeps its
 * whole block: at most the frames encoded around the same time, whoever they were for.
 */
final class FrameMemory {

    /** The size of a block; 16 KB holds 50 frames of 300 bytes. */
    static final int BLOCK_BYTES = 16 * 1024;
    /** A larger frame gets a buffer of its own, as it would fill much of a block alone. */
    static final int LARGEST_SHARED = BLOCK_BYTES / 8;
    /** Frames start on 8-byte boundaries, where copies into and out of them are fastest. */
    private static final int ALIGNMENT = 8;

    /** Guarded by this. */
    private ByteBuffer block;

    /** @return a direct buffer of exactly {@code bytes}, at position 0, for one frame */
    ByteBuffer allocate(int bytes) {
        if (bytes > LARGEST_SHARED) {
            return ByteBuffer.allocateDirect(bytes);
        }
        synchronized (this) {
            if (block == null || block.remaining() < bytes) {
                block = ByteBuffer.allocateDirect(BLOCK_BYTES);
            }
            int start = block.position();
            block.position(Math.min(block.limit(), start + (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT));
            return block.slice(start, bytes);
        }
    }
}
