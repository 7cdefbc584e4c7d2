package com.medsync.realtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A bare HTTP/1.1 connection, for what HttpClient hides: connection reuse, pipelining, broken requests. */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends each char as the one byte it is in ISO-8859-1, so bytes 0x80-0xFF (and NUL) go out as they are. */
    void sendLatin1(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Like {@link #sendLatin1}, but one flushed write per byte, pausing a few milliseconds after every fifth. */
    void trickle(String text) throws IOException, InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            out.write(bytes[i]);
            out.flush();
            if (i % 5 == 4) {
                Thread.sleep(3);
            }
        }
    }

    /** Half-closes the connection: the server reads the end of the stream. */
    void endOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next response, interim ({@code 1xx}) or final; its body decoded as UTF-8. */
    Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed mid-body");
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Everything the server sends until it closes the connection, as ISO-8859-1 text (one char per byte). */
    String readToClose() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // A reset ends the stream too; what arrived before it is still the answer.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closes the connection within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true; // reset also means closed
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
            previous = b;
        }
        throw new IOException("connection closed mid-response");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
