package com.medsync.realtime.it.hardening;

import com.medsync.realtime.it.fixture.LiveServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import static com.medsync.realtime.it.support.RawWebSocketFrames.head;
import static com.medsync.realtime.it.support.RawWebSocketFrames.maskedText;
import static com.medsync.realtime.it.support.RawWebSocketFrames.requestUpgrade;
import static com.medsync.realtime.it.support.RawWebSocketFrames.textFrame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reduced fuzz finding "open but deaf" ({@link FuzzE2ETest#noConnectionIsLeftOpenButDeaf}): a WebSocket closed
 * for a protocol violation found on the connection's handler thread (here an event for a namespace the client has no
 * socket on) while the server is still reading the frames the client sent after it. The client must get the
 * Engine.IO close packet before the connection ends.
 *
 * <p>It used not to: the close packet's write was queued on the channel's event loop while netty-socketio forgot the
 * connection at once, and the next frame the loop read for the forgotten connection closed the socket before that
 * write ran. The client saw a bare TCP close, which the JDK's WebSocket client the fuzz uses now and then did not
 * report at all (its input never closed, no onClose or onError): to the fuzz, a connection that answered nothing and
 * was never closed.
 *
 * <p>The frames go out as raw bytes in one write, as the fuzz's batches reach the server: the loop is still reading
 * them when the handler thread decides, and the client sends nothing afterwards (more frames after the close would
 * make the server's kernel reset the connection, losing what the client had not read yet). Raw bytes also tell a
 * close from a reset for certain, which the JDK client's listener does not.
 */
class ClosePacketFirstE2ETest {

    private static final String NS = "/patient-pharmacy";
    private static final int CONNECTIONS = 20;
    /**
     * Noop frames after the violation: 7 KB, which the server's event loop reads in one go (it would read 32 KB) and
     * decodes for about a millisecond, time enough for the handler thread to decide meanwhile.
     */
    private static final int NOOPS_AFTER_THE_VIOLATION = 1_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String CLOSED_PROPERLY = "close packet, then the connection closed";

    @RegisterExtension
    static final LiveServer live = LiveServer.withTestEvents();

    @Test
    void aConnectionClosedWhileItsFramesAreStillReadGetsTheClosePacketBeforeTheConnectionEnds() throws IOException {
        List<String> endings = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            endings.add(violateWhileSendingAndReadToTheEnd());
        }
        assertThat(endings).as("how each of %d connections ended", CONNECTIONS).containsOnly(CLOSED_PROPERLY);
    }

    /** @return how the connection ended, as the client saw it */
    private static String violateWhileSendingAndReadToTheEnd() throws IOException {
        int port = live.medsync().socketPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            requestUpgrade(out, port);
            assertThat(head(in)).startsWith("HTTP/1.1 101");
            assertThat(textFrame(in)).as("the open packet").startsWith("0{");

            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            // No CONNECT first: the event is refused on the connection's handler thread, which decides the close.
            maskedText(frames, "42" + NS + ",[\"chat:typing\",{\"roomId\":\"r\"}]");
            for (int i = 0; i < NOOPS_AFTER_THE_VIOLATION; i++) {
                maskedText(frames, "6");
            }
            out.write(frames.toByteArray());
            out.flush();

            List<String> received = new ArrayList<>();
            try {
                for (String frame = textFrame(in); frame != null; frame = textFrame(in)) {
                    received.add(frame);
                }
            } catch (SocketTimeoutException e) {
                return "still open " + READ_TIMEOUT_MILLIS + " ms later, after " + received;
            } catch (SocketException e) {
                return "reset (" + e.getMessage() + ") after " + received;
            }
            return received.equals(List.of("1")) ? CLOSED_PROPERLY : "closed after " + received;
        }
    }
}
