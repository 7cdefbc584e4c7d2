package com.medsync.realtime.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The backend's side: publishes {@code order:new} through a server's {@code POST /api/v1/events} at a given
 * rate, over a small pool of keep-alive connections with one request in flight each (as an HTTP client pool
 * does). When every connection is busy the publisher falls behind the rate; the scenario sees that as the
 * server's publish path saturating.
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private static final AttributeKey<Long> SEQ = AttributeKey.valueOf("bench.seq");

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final BlockingQueue<Channel> idle;
    private final String host;
    private final String apiKey;
    private final Audience audience;
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final BitSet acceptedSeqs = new BitSet();
    private volatile boolean trackAccepted;

    public Publisher(int httpPort, String apiKey, Audience audience, int connections) {
        this.host = "127.0.0.1:" + httpPort;
        this.apiKey = apiKey;
        this.audience = audience;
        this.idle = new ArrayBlockingQueue<>(connections);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), new Answers());
                    }
                });
        for (int i = 0; i < connections; i++) {
            idle.add(bootstrap.connect("127.0.0.1", httpPort).syncUninterruptibly().channel());
        }
    }

    /** Remembers which sequence numbers the server accepted, for exact loss counting. */
    public void trackAccepted() {
        trackAccepted = true;
    }

    /** @return the sequence numbers accepted so far (only while tracking) */
    public BitSet acceptedSeqs() {
        synchronized (acceptedSeqs) {
            return (BitSet) acceptedSeqs.clone();
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }

    /** @return how many publishes were sent so far */
    public long sent() {
        return nextSeq.get();
    }

    /**
     * Publishes at {@code perSecond} for {@code duration}, on the calling thread.
     *
     * @return publishes actually sent (less than asked when the server's answers could not keep up)
     */
    public long run(double perSecond, long durationNanos) {
        long start = System.nanoTime();
        long end = start + durationNanos;
        long sent = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            sent = sendUpTo((long) ((now - start) / 1e9 * perSecond), sent);
            LockSupport.parkNanos(200_000);
        }
        return sent;
    }

    /**
     * Sends publishes on idle connections until {@code due} were sent in all, or no connection is idle.
     *
     * @return how many were sent in all now
     */
    private long sendUpTo(long due, long sent) {
        while (sent < due) {
            Channel channel = idle.poll();
            if (channel == null) {
                break;
            }
            send(channel);
            sent++;
        }
        return sent;
    }

    /**
     * Publishes exactly {@code count} events at {@code perSecond}, on the calling thread: the load shapes
     * compare servers over the same events, not the same seconds. When every connection is busy the
     * publisher falls behind the schedule and catches up as answers come.
     */
    public void runCount(double perSecond, long count) {
        long start = System.nanoTime();
        long sent = 0;
        while (sent < count) {
            sent = sendUpTo(Math.min(count, (long) ((System.nanoTime() - start) / 1e9 * perSecond) + 1), sent);
            if (sent < count) {
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private void send(Channel channel) {
        long seq = nextSeq.getAndIncrement();
        String pharmacyId = Audience.pharmacyId(audience.roomOfPublish(seq));
        byte[] body = OrderEvents.envelope(seq, System.nanoTime(), pharmacyId).getBytes(StandardCharsets.UTF_8);
        ByteBuf content = channel.alloc().buffer(body.length).writeBytes(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/events", content);
        request.headers()
                .set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        channel.attr(SEQ).set(seq);
        channel.writeAndFlush(request);
    }

    /** Waits until every request sent has been answered. */
    public void awaitAnswers(int connections, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (idle.size() < connections && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private final class Answers extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            int status = response.status().code();
            long seq = ctx.channel().attr(SEQ).get();
            if (status / 100 == 2) {
                accepted.incrementAndGet();
                if (trackAccepted) {
                    synchronized (acceptedSeqs) {
                        acceptedSeqs.set((int) seq);
                    }
                }
            } else if (refused.incrementAndGet() <= 3) {
                LOG.warn("publish {} refused: {} {}", seq, status, response.content().toString(StandardCharsets.UTF_8));
            }
            idle.add(ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("publish connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
