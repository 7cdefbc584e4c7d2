package com.medsync.realtime.server.socket.engine;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Answers malformed Engine.IO requests with 400 and the reference server's error codes, before
 * netty-socketio sees them: it would answer a v3 handshake to {@code EIO=3}, 500 to an unknown session, and
 * nothing at all to a session id that is not a UUID.
 */
@Sharable
final class EngineRequestCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EngineRequestCheck.class);

    /** Anything under the Engine.IO path but the path itself, or a WebSocket request that is not an upgrade. */
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    /**
     * A WebSocket for a session that already upgraded: the reference server completes the WebSocket handshake
     * and closes it at once, so a client sees a close rather than a failed upgrade.
     */
    private static final String ALREADY_UPGRADED = "already upgraded";

    /** A poll that came while the session upgrades: it waits for the upgrade packet, a little. */
    private static final String AWAIT_UPGRADE = "await upgrade";
    private static final int UPGRADE_CHECKS = 10;
    private static final long UPGRADE_CHECK_MILLIS = 5;

    private static final String UNKNOWN_SESSION = "{\"code\":1,\"message\":\"Session ID unknown\"}";

    private final String path;
    private final EngineSessions sessions;
    private final int maxFramePayload;

    /**
     * @param path             the Engine.IO path, such as {@code /socket.io}
     * @param sessions         the open Engine.IO sessions
     * @param maxFramePayload  the largest WebSocket frame accepted
     */
    EngineRequestCheck(String path, EngineSessions sessions, int maxFramePayload) {
        this.path = path + "/";
        this.sessions = sessions;
        this.maxFramePayload = maxFramePayload;
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
            if (problem == null) {
                if (query.path().equals(path)) {
                    // Its parameters were read above without error; anything else is not ours to read.
                    recordPoll(ctx, request, query.parameters());
                }
                ctx.fireChannelRead(msg);
            } else if (AWAIT_UPGRADE.equals(problem)) {
                awaitUpgrade(ctx, request, sessionId(query.parameters()), UPGRADE_CHECKS);
            } else if (ALREADY_UPGRADED.equals(problem) && msg instanceof FullHttpRequest full) {
                acceptThenClose(ctx, full);
            } else {
                log.debug("Refused {} {}: {}", request.method(), request.uri(), problem);
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** @return the JSON error body, a marker for a special answer, or null when the request is well-formed */
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
        if (first(parameters, "sid") == null) {
            return HttpMethod.GET.equals(method) ? null : "{\"code\":2,\"message\":\"Bad handshake method\"}";
        }
        Optional<UUID> sid = sessionId(parameters);
        Optional<EngineTransport> current = sid.flatMap(sessions::transportOf);
        if (current.isEmpty()) {
            return UNKNOWN_SESSION;
        }
        boolean webSocket = "websocket".equals(transport);
        return switch (current.get()) {
            case POLLING -> {
                if (webSocket) {
                    sessions.upgradeStarted(sid.get());
                }
                yield null;
            }
            // A poll racing the client's upgrade packet: the reference server has seen the upgrade by then.
            case UPGRADING -> webSocket ? ALREADY_UPGRADED : AWAIT_UPGRADE;
            // After an upgrade the session is its WebSocket's alone: a poll or a second WebSocket would hijack it.
            case WEBSOCKET -> webSocket ? ALREADY_UPGRADED : BAD_REQUEST;
        };
    }

    private static Optional<UUID> sessionId(Map<String, List<String>> parameters) {
        try {
            return Optional.of(UUID.fromString(first(parameters, "sid")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Holds a poll that arrived while the session upgrades, a few milliseconds at a time: refused once the
     * upgrade is done, passed on if the session still polls after the last check (an upgrade that failed).
     */
    private void awaitUpgrade(ChannelHandlerContext ctx, HttpRequest request, Optional<UUID> sid, int checksLeft) {
        ctx.executor().schedule(() -> {
            Optional<EngineTransport> now = sid.flatMap(sessions::transportOf);
            if (now.isEmpty()) {
                ReferenceCountUtil.release(request);
                refuse(ctx, UNKNOWN_SESSION);
            } else if (now.get() == EngineTransport.WEBSOCKET) {
                ReferenceCountUtil.release(request);
                refuse(ctx, BAD_REQUEST);
            } else if (now.get() == EngineTransport.UPGRADING && checksLeft > 1) {
                awaitUpgrade(ctx, request, sid, checksLeft - 1);
            } else {
                recordPoll(ctx, request, new QueryStringDecoder(request.uri()).parameters());
                ctx.fireChannelRead(request);
            }
        }, UPGRADE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A poll of a known session goes on to be bound: its session learns of it ({@link PollRebind}). */
    private void recordPoll(ChannelHandlerContext ctx, HttpRequest request, Map<String, List<String>> parameters) {
        if (!HttpMethod.GET.equals(request.method()) || !"polling".equals(first(parameters, "transport"))) {
            return;
        }
        sessionId(parameters).ifPresent(sid -> {
            ctx.channel().attr(PollRebind.POLL_OF).set(sid);
            sessions.pollArrived(sid, ctx.channel());
        });
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

    private void acceptThenClose(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            String location = "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, false,
                    maxFramePayload).newHandshaker(request);
            if (handshaker == null) {
                refuse(ctx, BAD_REQUEST);
                return;
            }
            handshaker.handshake(ctx.channel(), request).addListener(done -> {
                if (done.isSuccess()) {
                    ctx.channel().writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.channel().close();
                }
            });
        } finally {
            request.release();
        }
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
