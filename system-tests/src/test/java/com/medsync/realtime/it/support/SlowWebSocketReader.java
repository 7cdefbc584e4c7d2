package com.medsync.realtime.it.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static com.medsync.realtime.it.support.RawWebSocketFrames.head;
import static com.medsync.realtime.it.support.RawWebSocketFrames.requestUpgrade;
import static com.medsync.realtime.it.support.RawWebSocketFrames.sendText;
import static com.medsync.realtime.it.support.RawWebSocketFrames.textFrame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Socket.IO client on a raw WebSocket that reads only when the test asks, with a 4 KB receive buffer: what the
 * server sends it meanwhile fills the server's socket buffer, then waits in the server.
 */
public final class SlowWebSocketReader implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private SlowWebSocketReader(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** Opens an Engine.IO WebSocket on {@code port} and connects to {@code namespace} with {@code token}. */
    public static SlowWebSocketReader connect(int port, String namespace, String token) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            SlowWebSocketReader reader = new SlowWebSocketReader(socket);
            requestUpgrade(reader.out, port);
            assertThat(head(reader.in)).startsWith("HTTP/1.1 101");
            assertThat(reader.frame()).as("the open packet").startsWith("0{");
            sendText(reader.out, "40" + namespace + ",{\"token\":\"" + token + "\"}");
            assertThat(reader.frame()).as("the CONNECT answer").startsWith("40" + namespace + ",");
            return reader;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the next frame's text (a close frame as {@code <close>}), or null at the end of the stream; a ping is
     *     answered and passed over
     */
    public String frame() throws IOException {
        String frame = textFrame(in);
        while ("2".equals(frame)) {
            sendText(out, "3");
            frame = textFrame(in);
        }
        return frame;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a test's socket: nothing more to do with it.
        }
    }
}
