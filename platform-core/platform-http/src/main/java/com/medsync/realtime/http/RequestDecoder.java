package com.medsync.realtime.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads HTTP/1.1 requests off a connection's bytes and passes each on as an {@link Exchange}, body included,
 * in the order they arrived.
 *
 * <p>Ours rather than Netty's decoder and aggregator: a request's head is copied once into an array and parsed
 * there, its body once into the request's own, with no intermediate header map, content slices or copies of
 * Netty's request (18% of a publish's samples went to those). The rules of what is accepted are
 * {@link RequestHead}'s.
 *
 * <p>Besides requests, it passes on {@link Exchange#CONTINUE} where a client waits for {@code 100 Continue}, and
 * {@link Signal#BODY_DRAINED} once the rest of a refused body (413) has been read, since closing before that
 * would make the kernel reset the connection and the client could lose the 413 it has not read yet. After a malformed request, a refused body or
 * a request that closes the connection, everything else the client sends is discarded.
 */
final class RequestDecoder extends ByteToMessageDecoder {

    /** What the decoder passes on besides exchanges. */
    enum Signal {
        /** The refused body has been read to its end. */
        BODY_DRAINED
    }

    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    /** A chunk-size line with its extensions. */
    private static final int MAX_CHUNK_LINE = 1024;
    private static final int MAX_CHUNK_SIZE_DIGITS = 16;
    private static final byte[] NO_BODY = new byte[0];
    /** What {@link #partialSince()} answers between requests. */
    static final long NO_PARTIAL_REQUEST = Long.MIN_VALUE;

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DRAIN, DISCARD }

    private final int maxBodyBytes;
    private final String remoteAddress;
    private State state = State.HEAD;
    /** Of a head not yet complete: where its current line starts, relative to the reader index. */
    private int headLineStart;
    /** Of a head not yet complete: how far it has been searched for a line's end, relative to the reader index. */
    private int headScanned;
    /** The request whose body is being read. */
    private RequestHead head;
    /** Bytes left of the fixed body, or of the current chunk. */
    private long remaining;
    /** The chunked body read so far; null while a refused one is drained. */
    private ChunkedBody chunks;
    private int trailerBytes;
    /** When the first byte of the request being read arrived ({@link System#nanoTime()}). */
    private long partialSince = NO_PARTIAL_REQUEST;

    RequestDecoder(int maxBodyBytes, String remoteAddress) {
        this.maxBodyBytes = maxBodyBytes;
        this.remoteAddress = remoteAddress;
    }

    /**
     * One step: consumes bytes or passes something on, or returns without either when it needs more bytes
     * (the base class then waits for the next read).
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case HEAD -> readHead(in, out);
                case FIXED_BODY -> readFixedBody(in, out);
                case CHUNK_SIZE -> readChunkSize(in, out);
                case CHUNK_DATA -> readChunkData(in);
                case CHUNK_END -> readChunkEnd(in);
                case TRAILERS -> readTrailer(in, out);
                case DRAIN -> drain(in, out);
                case DISCARD -> in.skipBytes(in.readableBytes());
            }
        } catch (HttpProblem problem) {
            refuse(in, out, problem);
        }
    }

    private void readHead(ByteBuf in, List<Object> out) {
        if (partialSince == NO_PARTIAL_REQUEST) {
            partialSince = System.nanoTime();
        }
        if (headLineStart == 0 && headScanned == 0 && skipEmptyLine(in)) {
            return;
        }
        int end = headEnd(in);
        if (end < 0) {
            return;
        }
        byte[] bytes = new byte[end - in.readerIndex()];
        in.readBytes(bytes);
        headLineStart = 0;
        headScanned = 0;
        head = RequestHead.parse(bytes);
        startBody(out);
    }

    /**
     * RFC 9112, section 2.2: an empty line before a request line is ignored.
     *
     * @return whether one was skipped, or one may be there but its LF has not arrived
     */
    private static boolean skipEmptyLine(ByteBuf in) {
        byte first = in.getByte(in.readerIndex());
        if (first == '\n') {
            in.skipBytes(1);
            return true;
        }
        if (first != '\r') {
            return false;
        }
        if (in.readableBytes() < 2) {
            return true;
        }
        if (in.getByte(in.readerIndex() + 1) != '\n') {
            throw RequestHead.malformed("a CR that does not end a line");
        }
        in.skipBytes(2);
        return true;
    }

    /**
     * @return where the head ends (after the empty line's LF), or -1 when it has not arrived yet
     * @throws HttpProblem 414 or 431 when the request line or the header section grows past its limit
     */
    private int headEnd(ByteBuf in) {
        int start = in.readerIndex();
        int lineStart = start + headLineStart;
        int searchFrom = start + headScanned;
        int headersStart = lineStart > start ? in.indexOf(start, lineStart, (byte) '\n') + 1 : -1;
        while (true) {
            int lf = in.indexOf(Math.max(lineStart, searchFrom), in.writerIndex(), (byte) '\n');
            int lineEnd = lf < 0 ? in.writerIndex() : lf;
            if (lineStart == start && lineEnd - start - (lf > start && in.getByte(lf - 1) == '\r' ? 1 : 0)
                    > MAX_REQUEST_LINE) {
                throw new HttpProblem(414, "URI_TOO_LONG", "request line longer than " + MAX_REQUEST_LINE
                        + " bytes");
            }
            if (headersStart > 0 && lineEnd - headersStart > MAX_HEADER_BYTES) {
                throw new HttpProblem(431, "HEADERS_TOO_LARGE", "request headers larger than " + MAX_HEADER_BYTES
                        + " bytes");
            }
            if (lf < 0) {
                headLineStart = lineStart - start;
                headScanned = in.writerIndex() - start;
                return -1;
            }
            boolean empty = lf == lineStart || (lf == lineStart + 1 && in.getByte(lineStart) == '\r');
            if (empty && lineStart > start) {
                return lf + 1;
            }
            lineStart = lf + 1;
            if (headersStart < 0) {
                headersStart = lineStart;
            }
        }
    }

    private void startBody(List<Object> out) {
        if (head.chunked()) {
            continueIfAwaited(out);
            chunks = new ChunkedBody();
            state = State.CHUNK_SIZE;
        } else if (head.contentLength() > maxBodyBytes) {
            out.add(Exchange.oversized(head, maxBodyBytes));
            if (head.expectContinue()) {
                // The client sends no body after a refused expectation.
                out.add(Signal.BODY_DRAINED);
                state = State.DISCARD;
            } else {
                remaining = head.contentLength();
                state = State.DRAIN;
            }
        } else if (head.contentLength() > 0) {
            continueIfAwaited(out);
            remaining = head.contentLength();
            state = State.FIXED_BODY;
        } else {
            complete(NO_BODY, out);
        }
    }

    private void continueIfAwaited(List<Object> out) {
        if (head.expectContinue()) {
            out.add(Exchange.CONTINUE);
        }
    }

    private void readFixedBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < remaining) {
            return;
        }
        byte[] body = new byte[(int) remaining];
        in.readBytes(body);
        complete(body, out);
    }

    private void readChunkSize(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if ((lf < 0 ? in.writerIndex() : lf) - in.readerIndex() > MAX_CHUNK_LINE) {
            throw RequestHead.malformed("a chunk-size line is longer than " + MAX_CHUNK_LINE + " bytes");
        }
        if (lf < 0) {
            return;
        }
        if (lf == in.readerIndex() || in.getByte(lf - 1) != '\r') {
            // RFC 9112 allows a bare LF in the head only: a proxy that takes one here would frame another body.
            throw RequestHead.malformed("a chunk-size line does not end with CR LF");
        }
        long size = chunkSize(in, in.readerIndex(), lf - 1);
        in.readerIndex(lf + 1);
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
            return;
        }
        if (chunks != null && size > maxBodyBytes - chunks.size()) { // not a sum: a size near 2^63 would wrap
            chunks = null;
            out.add(Exchange.oversized(head, maxBodyBytes));
        }
        remaining = size;
        state = State.CHUNK_DATA;
    }

    /** RFC 9112, section 7.1: hex digits, then optional extensions ({@code ;name=value}), which are ignored. */
    private static long chunkSize(ByteBuf in, int start, int end) {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            if (i - start == MAX_CHUNK_SIZE_DIGITS) {
                throw RequestHead.malformed("a chunk size has more than " + MAX_CHUNK_SIZE_DIGITS + " digits");
            }
            size = size << 4 | digit;
        }
        if (i == start) {
            throw RequestHead.malformed("a chunk size is not a hexadecimal number");
        }
        while (i < end && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++;
        }
        if (i < end && in.getByte(i) != ';') {
            throw RequestHead.malformed("a chunk size is not a hexadecimal number");
        }
        for (; i < end; i++) {
            byte b = in.getByte(i);
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
                throw RequestHead.malformed("a chunk extension contains a control character");
            }
        }
        if (size < 0) {
            throw RequestHead.malformed("a chunk size is too large");
        }
        return size;
    }

    private void readChunkData(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        if (chunks != null) {
            chunks.append(in, n);
        } else {
            in.skipBytes(n);
        }
        remaining -= n;
        if (remaining == 0) {
            state = State.CHUNK_END;
        }
    }

    private void readChunkEnd(ByteBuf in) {
        if (in.getByte(in.readerIndex()) != '\r') {
            throw RequestHead.malformed("chunk data is longer than its chunk size");
        }
        if (in.readableBytes() < 2) {
            return;
        }
        if (in.getByte(in.readerIndex() + 1) != '\n') {
            throw RequestHead.malformed("chunk data does not end with CR LF");
        }
        in.skipBytes(2);
        state = State.CHUNK_SIZE;
    }

    /** RFC 9112, section 7.1.2: trailer fields are checked like header fields, then dropped. */
    private void readTrailer(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (trailerBytes + (lf < 0 ? in.writerIndex() : lf) - in.readerIndex() > MAX_HEADER_BYTES) {
            throw new HttpProblem(431, "HEADERS_TOO_LARGE", "the trailer section is larger than "
                    + MAX_HEADER_BYTES + " bytes");
        }
        if (lf < 0) {
            return;
        }
        byte[] line = new byte[lf - in.readerIndex() + 1];
        in.readBytes(line);
        trailerBytes += line.length;
        int end = RequestHead.lineEnd(line, 0);
        if (end > 0) {
            RequestHead.field(line, 0, end, new LinkedHashMap<>());
        } else if (chunks == null) {
            bodyDrained(out);
        } else {
            complete(chunks.bytes(), out);
            chunks = null;
        }
    }

    private void drain(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        in.skipBytes(n);
        remaining -= n;
        if (remaining == 0) {
            bodyDrained(out);
        }
    }

    private boolean drainingRefusedBody() {
        return state == State.DRAIN || (head != null && head.chunked() && chunks == null);
    }

    /**
     * @return when the first byte of the request being read arrived ({@link System#nanoTime()}), or
     *     {@link #NO_PARTIAL_REQUEST} between requests. Once a request is refused (a malformed one, an oversized
     *     body), the connection no longer takes requests and its timeouts no longer apply.
     */
    long partialSince() {
        return partialSince;
    }

    private void bodyDrained(List<Object> out) {
        out.add(Signal.BODY_DRAINED);
        state = State.DISCARD;
    }

    private void complete(byte[] body, List<Object> out) {
        out.add(Exchange.of(head, body, remoteAddress));
        state = head.keepAlive() ? State.HEAD : State.DISCARD;
        head = null;
        partialSince = NO_PARTIAL_REQUEST;
    }

    /** A malformed request is answered in its turn, and nothing after it can be trusted. */
    private void refuse(ByteBuf in, List<Object> out, HttpProblem problem) {
        if (drainingRefusedBody()) {
            out.add(Signal.BODY_DRAINED); // its 413 is already on its way; the connection closes after it
        } else {
            String method = head == null ? RequestHead.UNKNOWN_METHOD : head.method();
            out.add(Exchange.answered(method, "<malformed>", false, problem.toResponse()));
        }
        head = null;
        chunks = null;
        headLineStart = 0;
        headScanned = 0;
        state = State.DISCARD;
        in.skipBytes(in.readableBytes());
    }

    /** A chunked body's bytes so far, in one growing array. */
    private static final class ChunkedBody {
        private byte[] bytes = new byte[256];
        private int size;

        int size() {
            return size;
        }

        void append(ByteBuf in, int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            in.readBytes(bytes, size, n);
            size += n;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
