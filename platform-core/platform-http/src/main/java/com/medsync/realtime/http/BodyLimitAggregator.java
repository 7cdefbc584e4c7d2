package com.medsync.realtime.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's aggregator with this server's answer to oversized bodies.
 *
 * <p>Netty would write a bare 413 itself, ahead of any response still pending for an earlier pipelined request.
 * Instead an {@link Oversized} marker goes down the pipeline in request order, and {@link BodyDrained} follows
 * once the rest of the refused body has been read and discarded: closing before that would make the kernel
 * reset the connection, and the client could lose the 413 it has not read yet.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    /** A request whose body was refused; answer 413 and close. */
    record Oversized(String method, String uri, int limit) {
    }

    /** The refused body has been read to its end. */
    enum BodyDrained { INSTANCE }

    private Oversized pending;
    private boolean draining;

    BodyLimitAggregator(int maxBodyBytes) {
        // closeOnExpectationFailed: a client refused at "Expect: 100-continue" has sent no body to drain.
        super(maxBodyBytes, true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        super.decode(ctx, msg, out);
        if (pending != null) {
            out.add(pending);
            pending = null;
            draining = true;
        }
        // The aggregator keeps swallowing the refused body; its last chunk (perhaps this very one) ends it.
        if (draining && msg instanceof LastHttpContent) {
            draining = false;
            out.add(BodyDrained.INSTANCE);
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            pending = new Oversized(request.method().name(), request.uri(), maxContentLength());
        } else {
            ctx.close(); // a server never aggregates responses; nothing sensible to answer
        }
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse refusal && refusal.status().code() == 413) {
            refusal.release();
            return NettyResponses.toNetty(Problems.payloadTooLarge(maxContentLength), false);
        }
        return response;
    }
}
