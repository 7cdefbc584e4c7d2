package com.medsync.realtime.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client's side of the wire, byte for byte, over a plain TCP socket: for tests that need what the JDK's
 * client hides, such as when the client reads, or whether a connection ended with a close or a reset.
 */
public final class RawWebSocketFrames {

    private RawWebSocketFrames() {
    }

    /** Sends the Engine.IO WebSocket upgrade request; read the answer with {@link #head}. */
    public static void requestUpgrade(OutputStream out, int port) throws IOException {
        out.write(("GET " + RawEngineIo.PATH + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** @return an HTTP answer's head, up to and including the blank line */
    public static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** @return the next frame's text (a close frame as {@code <close>}), or null at the end of the stream */
    public static String textFrame(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return (first & 0x0f) == 0x8 ? "<close>" : new String(payload, StandardCharsets.UTF_8);
    }

    /** A client's text frame: masked, as the protocol requires (with a zero key, so the text stays readable). */
    public static void maskedText(ByteArrayOutputStream out, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        if (payload.length <= 125) {
            out.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            throw new IllegalArgumentException("frames up to 64 KB here, not " + payload.length + " bytes");
        }
        out.writeBytes(new byte[4]);
        out.writeBytes(payload);
    }

    /** Sends one masked text frame. */
    public static void sendText(OutputStream out, String text) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        maskedText(frame, text);
        out.write(frame.toByteArray());
        out.flush();
    }
}
