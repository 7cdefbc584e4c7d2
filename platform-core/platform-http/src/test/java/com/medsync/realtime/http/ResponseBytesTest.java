package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes of a response are those Netty's own encoder wrote for it before this class replaced it. */
class ResponseBytesTest {

    private static final List<HttpResponse> RESPONSES = List.of(
            HttpResponse.json(200, Map.of("status", "UP")),
            HttpResponse.json(202, Map.of("id", "evt_1", "offset", "17-0")),
            HttpResponse.empty(204),
            HttpResponse.text(503, "text/plain; charset=utf-8", "stopping")
                    .header("Retry-After", "5")
                    .header("Cache-Control", "no-store"),
            new HttpProblem(405, "METHOD_NOT_ALLOWED", "only GET").toResponse().header("Allow", "GET"),
            HttpResponse.text(299, "text/plain", "an unnamed status"),
            // Netty's encoder writes a header value as US-ASCII: a character outside it becomes '?'.
            HttpResponse.text(200, "text/plain; charset=utf-8", "café").header("X-Note", "café ✓"));

    @Test
    void everyResponseIsWrittenAsNettysEncoderWroteIt() {
        for (HttpResponse response : RESPONSES) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
                    boolean withBody = !method.equals(HttpMethod.HEAD);
                    assertThat(ours(response, keepAlive, withBody))
                            .as("%s, keep-alive %s, %s", response, keepAlive, method)
                            .isEqualTo(nettys(response, keepAlive, method));
                }
            }
        }
    }

    @Test
    void aHeadAnswerKeepsTheBodysLengthButNotTheBody() {
        String head = ours(HttpResponse.json(200, Map.of("status", "UP")), true, false);

        assertThat(head).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "content-length: 15\r\nconnection: keep-alive\r\n\r\n");
    }

    @Test
    void aLargeBodyAndManyHeadersFitTheBuffer() {
        HttpResponse response = HttpResponse.text(200, "text/plain", "x".repeat(100_000));
        for (int i = 0; i < 50; i++) {
            response = response.header("X-Header-" + i, "value-".repeat(20) + i);
        }

        assertThat(ours(response, true, true)).isEqualTo(nettys(response, true, HttpMethod.GET));
    }

    private static String ours(HttpResponse response, boolean keepAlive, boolean withBody) {
        ByteBuf bytes = ResponseBytes.encode(response, keepAlive, withBody, ByteBufAllocator.DEFAULT);
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    /** What the server wrote before: Netty's codec, which knows from the request whether it was a HEAD. */
    private static String nettys(HttpResponse response, boolean keepAlive, HttpMethod method) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec());
        channel.writeInbound(Unpooled.copiedBuffer(method + " / HTTP/1.1\r\nHost: x\r\n\r\n",
                StandardCharsets.US_ASCII));
        channel.inboundMessages().forEach(ReferenceCountUtil::release);
        channel.writeOutbound(NettyResponses.toNetty(response, keepAlive));
        StringBuilder out = new StringBuilder();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            out.append(part.toString(StandardCharsets.ISO_8859_1));
            part.release();
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
