package com.medsync.realtime.it.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An Engine.IO WebSocket that sends a batch of text frames without waiting for answers, then waits until the
 * server either answers a sentinel or closes the connection (which it does on a protocol violation), so every
 * frame it got was handled before the next batch starts.
 */
final class BatchWebSocket implements WebSocket.Listener {

    enum Outcome { SENTINEL_ANSWERED, CLOSED_BY_SERVER, TIMED_OUT, OPEN_FAILED }

    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Predicate<String> sentinel = frame -> false;
    private volatile AtomicInteger sentCounter;
    private volatile int total;
    private volatile String openPacket = "none";
    private final java.util.concurrent.ConcurrentLinkedDeque<String> lastFrames = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final ThreadLocal<List<String>> LAST_RECEIVED = ThreadLocal.withInitial(List::of);
    private static final ThreadLocal<String> LAST_SENT = ThreadLocal.withInitial(() -> "");
    private static final ThreadLocal<String> LAST_TIMEOUT = ThreadLocal.withInitial(() -> "");

    /** How many of the last run's frames this client finished sending, on this thread. */
    static String lastSent() {
        return LAST_SENT.get();
    }

    /** The last frames the server sent on this thread's previous {@link #run}, for reports. */
    static List<String> lastReceived() {
        return LAST_RECEIVED.get();
    }

    /**
     * When this thread's previous {@link #run} timed out: its open packet (the session id to look for in the
     * server's log) and whether the JDK client itself had seen its input or output close.
     */
    static String lastTimeout() {
        return LAST_TIMEOUT.get();
    }

    static Outcome run(HttpClient client, int port, String query, List<String> frames, Predicate<String> sentinelAnswer,
            long waitMillis) {
        BatchWebSocket listener = new BatchWebSocket();
        listener.sentinel = sentinelAnswer;
        WebSocket ws;
        try {
            ws = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?" + query), listener)
                    .get(5, TimeUnit.SECONDS);
            listener.opened.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Outcome.OPEN_FAILED;
        }
        try {
            CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(ws);
            AtomicInteger sent = new AtomicInteger();
            for (String frame : frames) {
                chain = chain.thenCompose(w -> w.sendText(frame, true)).whenComplete((w, e) -> {
                    if (e == null) {
                        sent.incrementAndGet();
                    }
                });
            }
            listener.sentCounter = sent;
            listener.total = frames.size();
            try {
                chain.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The server closed the connection part-way: the rest of the batch is not sent, as intended.
            }
            try {
                return listener.done.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // The JDK client once sat on a TCP close it never reported (input not closed, no onClose or
                // onError): this tells such a client from a server that keeps the connection open.
                LAST_TIMEOUT.set("open packet " + listener.openPacket + "; client input closed: " + ws.isInputClosed()
                        + ", output closed: " + ws.isOutputClosed());
                return Outcome.TIMED_OUT;
            }
        } finally {
            ws.abort();
            LAST_RECEIVED.set(List.copyOf(listener.lastFrames));
            LAST_SENT.set(listener.sentCounter == null ? "none" : listener.sentCounter.get() + " of " + listener.total);
        }
    }

    /** A sink: stays open and counts what arrives. */
    static final class Sink implements WebSocket.Listener, AutoCloseable {
        final AtomicInteger frames = new AtomicInteger();
        final CompletableFuture<String> open = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final java.util.concurrent.ConcurrentLinkedQueue<String> matching = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final StringBuilder text = new StringBuilder();
        private volatile String watchPrefix = "\u0000";
        WebSocket ws;

        void watch(String prefix) {
            watchPrefix = prefix;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                frames.incrementAndGet();
                if (frame.startsWith("0")) {
                    open.complete(frame);
                } else if ("2".equals(frame)) {
                    webSocket.sendText("3", true);
                } else if (frame.startsWith(watchPrefix) || frame.startsWith("40") || frame.startsWith("43")
                        || frame.startsWith("44")) {
                    matching.add(frame.length() > 300 ? frame.substring(0, 300) : frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        @Override
        public void close() {
            if (ws != null) {
                ws.abort();
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            received.incrementAndGet();
            lastFrames.addLast(frame.length() > 200 ? frame.substring(0, 200) : frame);
            if (lastFrames.size() > 6) {
                lastFrames.pollFirst();
            }
            if (frame.startsWith("0")) {
                openPacket = frame;
                opened.complete(null);
            } else if ("1".equals(frame)) {
                done.complete(Outcome.CLOSED_BY_SERVER);
            } else if (sentinel.test(frame)) {
                done.complete(Outcome.SENTINEL_ANSWERED);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lastFrames.addLast("<close " + statusCode + ">");
        opened.completeExceptionally(new IllegalStateException("closed"));
        done.complete(Outcome.CLOSED_BY_SERVER);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        opened.completeExceptionally(error);
        done.complete(Outcome.CLOSED_BY_SERVER);
    }
}
