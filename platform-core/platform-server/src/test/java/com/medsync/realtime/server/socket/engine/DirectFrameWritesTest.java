package com.medsync.realtime.server.socket.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Frames written straight to an epoll socket, and when they must go through the pipeline instead. */
class DirectFrameWritesTest {

    private static final byte[] FRAME = "\u0081\u000542abc".getBytes(StandardCharsets.ISO_8859_1);

    private EpollEventLoopGroup loops;
    private final BlockingQueue<String> peerRead = new LinkedBlockingQueue<>();
    private Channel server;
    private Channel channel;
    /** The frame's bytes where a socket can read them, kept reachable by this buffer. */
    private final ByteBuffer frame = ByteBuffer.allocateDirect(FRAME.length).put(FRAME).flip();
    private final long address = Unpooled.wrappedBuffer(frame).memoryAddress();

    @BeforeEach
    void connect() throws InterruptedException {
        assumeTrue(Epoll.isAvailable(), "Linux's epoll transport");
        loops = new EpollEventLoopGroup(1);
        server = new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        peerRead.add(bytes.toString(StandardCharsets.ISO_8859_1));
                        bytes.release();
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        channel = new Bootstrap().group(loops).channel(EpollSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("frames", new WebSocket13FrameEncoder(false));
                    }
                })
                .connect(server.localAddress()).sync().channel();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (loops != null) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void onTheChannelsLoopAFrameGoesStraightToTheSocket() throws Exception {
        DirectFrameWrites direct = onLoop(() -> DirectFrameWrites.of(channel, channel.pipeline().context("frames")));

        assertThat(direct).isNotNull();
        assertThat(onLoop(() -> direct.write(address, FRAME.length))).isEqualTo(FRAME.length);
        assertThat(readByPeer(FRAME.length)).isEqualTo(new String(FRAME, StandardCharsets.ISO_8859_1));
    }

    @Test
    void fromAnotherThreadNothingIsWritten() throws Exception {
        DirectFrameWrites direct = onLoop(() -> DirectFrameWrites.of(channel, channel.pipeline().context("frames")));

        assertThat(direct.write(address, FRAME.length)).isEqualTo(DirectFrameWrites.NOT_HERE);
    }

    @Test
    void aFrameDoesNotOvertakeBytesTheChannelHoldsUnwritten() throws Exception {
        DirectFrameWrites direct = onLoop(() -> DirectFrameWrites.of(channel, channel.pipeline().context("frames")));

        int written = onLoop(() -> {
            channel.write(Unpooled.copiedBuffer("before", StandardCharsets.ISO_8859_1));
            int straight = direct.write(address, FRAME.length);
            channel.flush();
            return straight;
        });

        assertThat(written).isEqualTo(DirectFrameWrites.NOT_HERE);
        assertThat(readByPeer("before".length())).isEqualTo("before");
    }

    @Test
    void aClosedChannelsDescriptorIsNotWritten() throws Exception {
        DirectFrameWrites direct = onLoop(() -> DirectFrameWrites.of(channel, channel.pipeline().context("frames")));
        channel.close().sync();

        assertThat(onLoop(() -> direct.write(address, FRAME.length))).isEqualTo(DirectFrameWrites.NOT_HERE);
    }

    @Test
    void behindAHandlerThatSeesWritesFramesGoThroughThePipeline() throws Exception {
        channel.pipeline().addFirst("nearerTheSocket", new ChannelOutboundHandlerAdapter());

        assertThat(onLoop(() -> DirectFrameWrites.of(channel, channel.pipeline().context("frames")))).isNull();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return channel.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    private String readByPeer(int length) throws InterruptedException {
        StringBuilder read = new StringBuilder();
        while (read.length() < length) {
            String more = peerRead.poll(5, TimeUnit.SECONDS);
            assertThat(more).as("the peer read more within 5 s, after %s", read).isNotNull();
            read.append(more);
        }
        return read.toString();
    }
}
