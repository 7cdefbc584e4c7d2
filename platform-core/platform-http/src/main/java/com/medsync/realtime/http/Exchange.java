package com.medsync.realtime.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.Map;

/**
 * One request waiting for, or being given, its response on a connection: either a request to dispatch or a
 * response already decided by the HTTP layer (malformed request, oversized body).
 */
final class Exchange {

    final String method;
    final String logTarget;
    final boolean keepAlive;
    /** The connection may close only after the refused body has been drained. */
    final boolean oversized;
    final long startNanos = System.nanoTime();
    final HttpRequest request;
    final List<String> segments;
    final HttpResponse immediate;

    private Exchange(String method, String logTarget, boolean keepAlive, boolean oversized, HttpRequest request,
                     List<String> segments, HttpResponse immediate) {
        this.method = method;
        this.logTarget = logTarget;
        this.keepAlive = keepAlive;
        this.oversized = oversized;
        this.request = request;
        this.segments = segments;
        this.immediate = immediate;
    }

    /** Detaches a request from Netty's buffers; the caller still releases {@code msg}. */
    static Exchange of(FullHttpRequest msg, String remoteAddress) {
        String method = msg.method().name();
        if (msg.decoderResult().isFailure()) {
            // The decoder has lost its place in the byte stream; nothing after this can be trusted.
            return answered(method, "<malformed>", false, Problems.malformedHttp(msg.decoderResult().cause()));
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        RequestTarget target;
        try {
            target = RequestTarget.parse(msg.uri());
        } catch (IllegalArgumentException e) {
            return answered(method, "<bad target>", keepAlive, Problems.badTarget(e.getMessage()));
        }
        HttpRequest.Builder builder = HttpRequest.builder(method, target.path())
                .remoteAddress(remoteAddress)
                .ownedBody(ByteBufUtil.getBytes(msg.content()));
        for (Map.Entry<String, String> header : msg.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        target.query().forEach((name, values) -> values.forEach(value -> builder.queryParam(name, value)));
        // The path only: query strings may carry secrets and do not belong in logs.
        return new Exchange(method, target.path(), keepAlive, false, builder.build(), target.segments(), null);
    }

    static Exchange oversized(BodyLimitAggregator.Oversized refused) {
        String path = refused.uri();
        int query = path.indexOf('?');
        return new Exchange(refused.method(), query < 0 ? path : path.substring(0, query), false, true, null,
                List.of(), Problems.payloadTooLarge(refused.limit()));
    }

    private static Exchange answered(String method, String logTarget, boolean keepAlive, HttpResponse response) {
        return new Exchange(method, logTarget, keepAlive, false, null, List.of(), response);
    }
}
