package com.medsync.realtime.server.socket.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a prepared WebSocket frame to a socket's descriptor with one system call, where the pipeline would come
 * to the same call after walking its handlers twice (the write, then the flush) and putting the frame in the
 * channel's outbound buffer only to take it out again. With 100 recipients per event, that walk and that buffer
 * were a fifth of the connection threads' CPU (issue #12's profiles).
 *
 * <p>Only where the result is the pipeline's, byte for byte and in order:
 * <ul>
 *   <li>on Linux's epoll transport, with no handler between the frame encoder and the socket that writes (no TLS);</li>
 *   <li>while the channel holds nothing unwritten, so the frame cannot overtake bytes written before it;</li>
 *   <li>on the channel's own event loop, where the channel is closed: its descriptor cannot be closed, and its
 *       number given to another connection, during the write.</li>
 * </ul>
 * Anything else, a write the socket refuses (its error included) and what a full socket buffer leaves over,
 * goes through the pipeline, which handles it as for any other frame.
 */
final class DirectFrameWrites {

    /** Nothing could be written here: the whole frame goes through the pipeline. */
    static final int NOT_HERE = -1;

    private final Channel channel;
    private final Socket socket;

    private DirectFrameWrites(Channel channel, Socket socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /**
     * @param frameEncoder the WebSocket frame encoder's context in the channel's pipeline
     * @return the channel's direct writes, or null when its frames must go through the pipeline
     */
    static DirectFrameWrites of(Channel channel, ChannelHandlerContext frameEncoder) {
        // The epoll channel's descriptor is a socket (Netty's LinuxSocket), which has send(2) beside write(2).
        if (!(channel instanceof EpollSocketChannel epoll) || !(epoll.fd() instanceof Socket socket)
                || writesBefore(channel, frameEncoder.handler())) {
            return null;
        }
        return new DirectFrameWrites(channel, socket);
    }

    /** @return whether a handler nearer the socket than {@code frameEncoder} sees what is written (TLS, say) */
    private static boolean writesBefore(Channel channel, ChannelHandler frameEncoder) {
        // The pipeline's iterator runs from the socket's end.
        for (Map.Entry<String, ChannelHandler> entry : channel.pipeline()) {
            if (entry.getValue() == frameEncoder) {
                return false;
            }
            if (entry.getValue() instanceof ChannelOutboundHandler) {
                return true;
            }
        }
        return true;
    }

    /** Reads what {@link #write} will read before its system call ({@link LoopRecipient#prefetch}). */
    int prefetch() {
        int read = channel.eventLoop().inEventLoop() ? 1 : 0;
        read += socket.isOpen() ? 2 : 0;
        ChannelOutboundBuffer unwritten = channel.unsafe().outboundBuffer();
        return unwritten != null && unwritten.isEmpty() ? read + 4 : read;
    }

    /**
     * Writes the frame at {@code address}, {@code length} bytes long, if it can be written here.
     *
     * @return how many of its bytes the socket took, or {@link #NOT_HERE}
     */
    int write(long address, int length) {
        if (address == 0 || !channel.eventLoop().inEventLoop() || !socket.isOpen()) {
            return NOT_HERE;
        }
        ChannelOutboundBuffer unwritten = channel.unsafe().outboundBuffer();
        if (unwritten == null || !unwritten.isEmpty() || unwritten.totalPendingWriteBytes() != 0) {
            return NOT_HERE;
        }
        try {
            // send(2) rather than write(2): the same bytes to the same connected socket, without the file layer's
            // work around it (vfs_write), a few percent of a delivery's system call (issue #12's profiles).
            return socket.sendAddress(address, 0, length);
        } catch (IOException e) {
            // The pipeline's write meets the same error and closes the channel as Netty does.
            return NOT_HERE;
        }
    }
}
