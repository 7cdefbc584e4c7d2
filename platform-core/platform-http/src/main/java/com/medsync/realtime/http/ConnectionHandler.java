package com.medsync.realtime.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection: one request at a time, responses in request order, keep-alive until either side
 * wants to close.
 *
 * <p>All fields are confined to the connection's event loop; handler threads hand their responses back
 * through it. Requests pipelined behind the one in flight wait in a queue, and reading pauses while any wait,
 * so a pipelining client cannot queue unbounded work.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final long DRAIN_TIMEOUT_SECONDS = 10;

    private final Dispatcher dispatcher;
    private final String remoteAddress;
    private final ConnectionTimeouts timeouts;
    private final RequestDecoder decoder;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timeoutChecks;
    private boolean inFlight;
    private boolean acceptingRequests = true;
    private boolean bodyDrained = true;
    private boolean closeWhenDrained;
    /** The client half-closed: it sends nothing more, and the connection closes once it has its answers. */
    private boolean inputClosed;
    /** When the server last had something pending: the connection opened, or a response was written. */
    private long quietSince;

    ConnectionHandler(Dispatcher dispatcher, String remoteAddress, ConnectionTimeouts timeouts,
            RequestDecoder decoder) {
        this.dispatcher = dispatcher;
        this.remoteAddress = remoteAddress;
        this.timeouts = timeouts;
        this.decoder = decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        quietSince = System.nanoTime();
        long every = timeouts.checkEveryNanos();
        timeoutChecks = context.executor().scheduleAtFixedRate(this::checkTimeouts, every, every,
                TimeUnit.NANOSECONDS);
    }

    private void checkTimeouts() {
        if (!acceptingRequests || inFlight || !waiting.isEmpty()) {
            return; // the server's turn: neither a slow request nor idleness
        }
        switch (timeouts.check(System.nanoTime(), quietSince, decoder.partialSince())) {
            case REQUEST -> {
                LOG.debug("{} took longer than {} to send a request; answering 408", remoteAddress,
                        timeouts.request());
                enqueue(Exchange.answered("<incomplete>", "<incomplete>", false,
                        Problems.requestTimeout(timeouts.request())));
            }
            case IDLE -> {
                LOG.debug("closing idle connection from {}", remoteAddress);
                ctx.close();
            }
            case NOTHING -> { }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof Exchange exchange) {
            if (acceptingRequests) {
                bodyDrained &= !exchange.oversized;
                enqueue(exchange);
            }
        } else if (msg == RequestDecoder.Signal.BODY_DRAINED) {
            bodyDrained = true;
            if (closeWhenDrained) {
                context.close();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void enqueue(Exchange exchange) {
        if (!exchange.keepAlive) {
            // Whatever the client pipelines after a closing request will never be answered.
            acceptingRequests = false;
        }
        waiting.add(exchange);
        startNext();
        updateAutoRead();
    }

    private void startNext() {
        if (inFlight) {
            return;
        }
        while (waiting.peek() == Exchange.CONTINUE) {
            // Only now, so it cannot overtake the responses to requests before it.
            waiting.poll();
            ctx.writeAndFlush(ResponseBytes.continueLine(ctx.alloc()));
        }
        Exchange exchange = waiting.poll();
        if (exchange == null) {
            return;
        }
        inFlight = true;
        if (exchange.immediate != null) {
            respond(exchange, exchange.immediate);
        } else {
            dispatcher.dispatch(exchange.request, exchange.segments, response -> onLoop(() -> respond(exchange,
                    response)));
        }
    }

    private void onLoop(Runnable task) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop stopped; dropping a response for {}", remoteAddress);
        }
    }

    private void respond(Exchange exchange, HttpResponse response) {
        boolean keepAlive = exchange.keepAlive && !asksToClose(response) && ctx.channel().isActive();
        if (!keepAlive) {
            acceptingRequests = false;
            waiting.clear();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} -> {} in {} ms", remoteAddress, exchange.method, exchange.logTarget,
                    response.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.startNanos));
        }
        boolean withBody = !"HEAD".equals(exchange.method);
        ctx.writeAndFlush(ResponseBytes.encode(response, keepAlive, withBody, ctx.alloc()))
                .addListener((ChannelFuture written) -> afterWrite(exchange, keepAlive, written));
    }

    /** Whether the handler asked for the connection to close after this response. */
    private static boolean asksToClose(HttpResponse response) {
        return response.header("Connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
    }

    private void afterWrite(Exchange exchange, boolean keepAlive, ChannelFuture written) {
        if (!written.isSuccess()) {
            LOG.debug("writing a response to {} failed: {}", remoteAddress, written.cause().toString());
            ctx.close();
        } else if (exchange.oversized) {
            closeAfterDrain();
        } else if (!keepAlive) {
            ctx.close();
        } else {
            inFlight = false;
            quietSince = System.nanoTime();
            startNext();
            updateAutoRead();
            if (inputClosed) {
                closeIfAnswered();
            }
        }
    }

    private void closeIfAnswered() {
        if (closeWhenDrained || (!inFlight && waiting.isEmpty())) {
            ctx.close();
        }
    }

    private void closeAfterDrain() {
        if (bodyDrained) {
            ctx.close();
            return;
        }
        closeWhenDrained = true;
        ctx.channel().config().setAutoRead(true);
        // A client that never finishes its refused body must not hold the connection forever.
        ctx.executor().schedule(() -> ctx.close(), DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void updateAutoRead() {
        boolean read = closeWhenDrained || waiting.isEmpty();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == ChannelInputShutdownEvent.INSTANCE) {
            // The decoder has passed on every request that was complete before the end of the input.
            inputClosed = true;
            closeIfAnswered();
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        timeoutChecks.cancel(false);
        acceptingRequests = false;
        waiting.clear();
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection from {} failed: {}", remoteAddress, cause.toString());
        } else {
            LOG.warn("unexpected error on the HTTP connection from {}", remoteAddress, cause);
        }
        context.close();
    }
}
