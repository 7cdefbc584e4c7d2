package com.medsync.realtime.it.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test writes it (request line, headers, body), so that
 * requests no well-behaved client would send reach the server. One request per connection.
 */
final class RawHttp {

    /** An answer: status -1 when the server closed or did not answer within the timeout. */
    record Answer(int status, String head, String body, String failure) {

        boolean answered() {
            return status > 0;
        }
    }

    private RawHttp() {
    }

    static Answer exchange(int port, byte[] request, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(-1, head.toString(StandardCharsets.ISO_8859_1), "", "closed before an answer");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int status = parseStatus(headText);
            boolean headRequest = request.length >= 5 && request[0] == 'H' && request[1] == 'E' && request[2] == 'A' && request[3] == 'D';
            if (headRequest || status == 204 || status == 304) {
                return new Answer(status, headText, "", null); // no body follows
            }
            if (status == 101) {
                return new Answer(status, headText, "", null); // a WebSocket: the test only wanted the upgrade
            }
            long contentLength = contentLength(headText);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                while (contentLength < 0 || body.size() < contentLength) {
                    int n = in.read(buffer, 0, contentLength < 0 ? buffer.length
                            : (int) Math.min(buffer.length, contentLength - body.size()));
                    if (n < 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (contentLength >= 0) {
                    return new Answer(status, headText, body.toString(StandardCharsets.UTF_8), "body incomplete");
                }
                // No length and no close: what arrived is the body.
            }
            return new Answer(status, headText, body.toString(StandardCharsets.UTF_8), null);
        } catch (SocketTimeoutException e) {
            return new Answer(-1, "", "", "no answer within " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Answer(-1, "", "", e.toString());
        }
    }

    static byte[] request(String method, String target, String headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n").append(headers);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static int parseStatus(String head) {
        if (!head.startsWith("HTTP/1.") || head.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                try {
                    return Long.parseLong(line.substring("content-length:".length()).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
