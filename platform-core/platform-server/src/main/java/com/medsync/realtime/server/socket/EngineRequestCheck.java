package com.medsync.realtime.server.socket;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Answers malformed Engine.IO requests with 400 and the reference server's error codes, before
 * netty-socketio sees them: it would answer a v3 handshake to {@code EIO=3}, 500 to an unknown session, and
 * nothing at all to a session id that is not a UUID.
 */
@Sharable
final class EngineRequestCheck extends ChannelInboundHandlerAdapter {

    /** Anything under the Engine.IO path but the path itself, or a WebSocket request that is not an upgrade. */
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    private final String path;
    private final Predicate<UUID> liveSession;

    /**
     * @param path        the Engine.IO path, such as {@code /socket.io}
     * @param liveSession whether a session id belongs to an open Engine.IO connection
     */
    EngineRequestCheck(String path, Predicate<UUID> liveSession) {
        this.path = path + "/";
        this.liveSession = liveSession;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            String problem;
            try {
                problem = query.path().equals(path) ? problem(request, query.parameters())
                        : query.path().startsWith(path) ? BAD_REQUEST : null;
            } catch (IllegalArgumentException malformedEscape) {
                // A broken %-escape anywhere in the target: netty-socketio would fail on it and drop the connection.
                problem = BAD_REQUEST;
            }
            if (problem != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** @return the JSON error body, or null when the request is well-formed */
    private String problem(HttpRequest request, Map<String, List<String>> parameters) {
        HttpMethod method = request.method();
        if (!"4".equals(first(parameters, "EIO"))) {
            return "{\"code\":5,\"message\":\"Unsupported protocol version\"}";
        }
        String transport = first(parameters, "transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return "{\"code\":0,\"message\":\"Transport unknown\"}";
        }
        if ("websocket".equals(transport) && !isWebSocketUpgrade(request)) {
            return BAD_REQUEST;
        }
        String sid = first(parameters, "sid");
        if (sid == null) {
            return HttpMethod.GET.equals(method) ? null : "{\"code\":2,\"message\":\"Bad handshake method\"}";
        }
        try {
            if (!liveSession.test(UUID.fromString(sid))) {
                return "{\"code\":1,\"message\":\"Session ID unknown\"}";
            }
        } catch (IllegalArgumentException e) {
            return "{\"code\":1,\"message\":\"Session ID unknown\"}";
        }
        return null;
    }

    /** Netty's handshaker drops a connection whose upgrade lacks a key or asks for another version. */
    private static boolean isWebSocketUpgrade(HttpRequest request) {
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        return "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))
                && "13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))
                && key != null && !key.isBlank();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void refuse(ChannelHandlerContext ctx, String body) {
        byte[] bytes = body.getBytes(CharsetUtil.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        // The connection is closed after this answer; saying so keeps keep-alive clients from reusing it.
        response.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
