package com.medsync.realtime.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/**
 * An {@link HttpResponse} as Netty's own objects, framing headers added as the server adds them: what Netty's
 * response encoder makes of it is the reference {@code ResponseBytesTest} holds {@link ResponseBytes} to.
 */
final class NettyResponses {

    private NettyResponses() {
    }

    static FullHttpResponse toNetty(HttpResponse response, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.bodyBytes()));
        HttpHeaders headers = out.headers();
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        if (HttpResponse.allowsBody(response.status())) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.bodyBytes().length);
        }
        // Explicit either way, so HTTP/1.0 clients that asked for keep-alive are told they have it.
        headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return out;
    }
}
