package com.medsync.realtime.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a response as HTTP/1.1 puts it on the wire, status line, headers and body in one buffer: one write
 * system call per response, where Netty's encoder makes a buffer for the head and another for the body (two
 * vectors of one {@code writev}) after copying the response into its own header map. The bytes are those
 * Netty's encoder writes for the same response (held so by {@code ResponseBytesTest}): the handler's headers in
 * their order, then {@code content-length} (where the status allows a body) and {@code connection}.
 */
final class ResponseBytes {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "connection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    /** A status line, the framing headers and a few digits; the handler's headers are added to it. */
    private static final int FIXED_HEAD_BYTES = 96;

    private ResponseBytes() {
    }

    /**
     * @param withBody false for the answer to a HEAD request: its headers, {@code content-length} included, but
     *                 not the body
     * @return a buffer from {@code alloc}, which the caller writes (and so releases)
     */
    static ByteBuf encode(HttpResponse response, boolean keepAlive, boolean withBody, ByteBufAllocator alloc) {
        byte[] body = response.bodyBytes();
        int headerBytes = 0;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        ByteBuf out = alloc.buffer(FIXED_HEAD_BYTES + headerBytes + (withBody ? body.length : 0));
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        out.writeBytes(VERSION);
        out.writeCharSequence(status.codeAsText(), StandardCharsets.US_ASCII);
        out.writeByte(' ');
        // As Netty's encoder: a character outside US-ASCII becomes '?', never a byte that could end the line.
        out.writeCharSequence(status.reasonPhrase(), StandardCharsets.US_ASCII);
        crlf(out);
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            out.writeCharSequence(header.getKey(), StandardCharsets.US_ASCII);
            out.writeByte(':');
            out.writeByte(' ');
            out.writeCharSequence(header.getValue(), StandardCharsets.US_ASCII);
            crlf(out);
        }
        if (HttpResponse.allowsBody(response.status())) {
            out.writeBytes(CONTENT_LENGTH);
            out.writeCharSequence(Integer.toString(body.length), StandardCharsets.US_ASCII);
            crlf(out);
        }
        out.writeBytes(keepAlive ? KEEP_ALIVE : CLOSE);
        if (withBody) {
            out.writeBytes(body);
        }
        return out;
    }

    /** @return the interim response a client waits for before it sends its body ({@code Expect: 100-continue}) */
    static ByteBuf continueLine(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(CONTINUE.length);
        out.writeBytes(CONTINUE);
        return out;
    }

    private static void crlf(ByteBuf out) {
        out.writeByte('\r');
        out.writeByte('\n');
    }
}
