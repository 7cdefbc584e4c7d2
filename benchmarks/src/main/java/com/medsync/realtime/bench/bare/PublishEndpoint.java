package com.medsync.realtime.bench.bare;

import com.corundumstudio.socketio.SocketIONamespace;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/events} for the bare server, on Netty's HTTP codec like MedSync's API: bearer key,
 * body {@code {event, data, to?}}; {@code order:new} goes to {@code pharmacy:{data.pharmacy.id}} and
 * {@code user:{data.patient.id}} plus {@code to}, emitted with netty-socketio's room broadcast.
 * {@code GET /health/ready} answers 200 once it listens.
 */
final class PublishEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group;
    private final Channel channel;

    private PublishEndpoint(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    static PublishEndpoint start(int port, String apiKey, SocketIONamespace namespace) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Handler("Bearer " + apiKey, namespace));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new PublishEndpoint(group, channel);
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final String authorization;
        private final SocketIONamespace namespace;

        Handler(String authorization, SocketIONamespace namespace) {
            this.authorization = authorization;
            this.namespace = namespace;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.method() == HttpMethod.GET && "/health/ready".equals(request.uri())) {
                answer(ctx, request, HttpResponseStatus.OK, "{\"status\":\"UP\"}");
            } else if (request.method() != HttpMethod.POST || !"/api/v1/events".equals(request.uri())) {
                answer(ctx, request, HttpResponseStatus.NOT_FOUND, error("NOT_FOUND", "no such endpoint"));
            } else if (!authorization.equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                answer(ctx, request, HttpResponseStatus.UNAUTHORIZED, error("UNAUTHORIZED", "missing or wrong key"));
            } else {
                publish(ctx, request);
            }
        }

        private void publish(ChannelHandlerContext ctx, FullHttpRequest request) {
            JsonNode envelope;
            try {
                envelope = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                answer(ctx, request, HttpResponseStatus.BAD_REQUEST, error("MALFORMED_JSON", "body is not JSON"));
                return;
            }
            if (envelope == null || !envelope.path("event").isTextual()) {
                answer(ctx, request, HttpResponseStatus.BAD_REQUEST, error("MALFORMED", "event is required"));
                return;
            }
            List<String> rooms = rooms(envelope);
            if (rooms.isEmpty()) {
                answer(ctx, request, HttpResponseStatus.UNPROCESSABLE_ENTITY, error("NO_ROOMS", "no rooms can be derived"));
                return;
            }
            String event = envelope.get("event").asText();
            namespace.getRoomOperations(rooms.toArray(String[]::new)).sendEvent(event, envelope.path("data"));
            answer(ctx, request, HttpResponseStatus.ACCEPTED,
                    "{\"event\":" + JSON.valueToTree(event) + ",\"accepted\":true,\"duplicate\":false}");
        }

        private static List<String> rooms(JsonNode envelope) {
            List<String> rooms = new ArrayList<>();
            for (JsonNode room : envelope.path("to")) {
                if (room.isTextual()) {
                    rooms.add(room.asText());
                }
            }
            String event = envelope.path("event").asText();
            JsonNode data = envelope.path("data");
            if ("order:new".equals(event) || "order:updated".equals(event)) {
                if (data.path("pharmacy").path("id").isTextual()) {
                    rooms.add("pharmacy:" + data.path("pharmacy").path("id").asText());
                }
                if (data.path("patient").path("id").isTextual()) {
                    rooms.add("user:" + data.path("patient").path("id").asText());
                }
            }
            return rooms;
        }

        private static String error(String code, String message) {
            return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        }

        private static void answer(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully();
    }
}
