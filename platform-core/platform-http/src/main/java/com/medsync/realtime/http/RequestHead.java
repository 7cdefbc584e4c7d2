package com.medsync.realtime.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's line and header fields (RFC 9112, sections 3 and 5), and what they say about its framing.
 *
 * <p>Strict where leniency would let two parsers disagree on where a request ends (request smuggling): both
 * {@code Content-Length} and {@code Transfer-Encoding}, differing lengths, a transfer coding other than
 * {@code chunked}, a line folded onto the previous one, whitespace before a colon, a CR that does not end a line.
 * Lenient where RFC 9112 lets a server be: a bare LF ends a line. Bytes 0x80-0xFF in a field value (obs-text) are
 * read as ISO-8859-1, one character each.
 *
 * @param method        the method, as sent (case matters)
 * @param target        the request target, as sent
 * @param http10        whether the request is HTTP/1.0 (everything else here is 1.1)
 * @param headers       field values by lower-cased name, in order of arrival
 * @param contentLength the body's length, or -1 when it is chunked or there is none
 * @param chunked       whether the body is sent in chunks
 * @param keepAlive     whether the connection stays open after the response
 * @param expectContinue whether the client waits for {@code 100 Continue} before it sends the body
 */
record RequestHead(String method, String target, boolean http10, Map<String, List<String>> headers,
        long contentLength, boolean chunked, boolean keepAlive, boolean expectContinue) {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** A length no body this server takes comes near, so the parsed value never overflows. */
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    /** The head of a request that has none: nothing to log but that it was malformed. */
    static final String UNKNOWN_METHOD = "<malformed>";

    /**
     * @param bytes the request line and the header section, through the empty line that ends it; no empty line
     *              before the request line
     * @throws HttpProblem naming what is wrong: 400, or 505 for a version other than 1.x, or 417 for an
     *                     expectation other than {@code 100-continue}
     */
    static RequestHead parse(byte[] bytes) {
        int lineEnd = lineEnd(bytes, 0);
        int[] spaces = requestLineSpaces(bytes, lineEnd);
        String method = token(bytes, 0, spaces[0], "method");
        String target = target(bytes, spaces[0] + 1, spaces[1]);
        boolean http10 = version(bytes, spaces[1] + 1, lineEnd);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int start = next(bytes, lineEnd); ; ) {
            int end = lineEnd(bytes, start);
            if (end == start) {
                break;
            }
            field(bytes, start, end, headers);
            start = next(bytes, end);
        }
        return framing(method, target, http10, freeze(headers));
    }

    /**
     * Checks one header field line (of a request's head or a chunked body's trailer) and adds it to
     * {@code headers}.
     *
     * @param end where the line ends, before its CR or LF
     */
    static void field(byte[] bytes, int start, int end, Map<String, List<String>> headers) {
        if (bytes[start] == ' ' || bytes[start] == '\t') {
            throw malformed("a header line begins with whitespace (line folding is not accepted)");
        }
        int colon = indexOf(bytes, start, end, (byte) ':');
        if (colon < 0) {
            throw malformed("a header line has no colon");
        }
        String name = token(bytes, start, colon, "header name").toLowerCase(Locale.ROOT);
        int valueStart = colon + 1;
        int valueEnd = end;
        while (valueStart < valueEnd && isBlank(bytes[valueStart])) {
            valueStart++;
        }
        while (valueEnd > valueStart && isBlank(bytes[valueEnd - 1])) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                throw malformed("the value of header '" + name + "' contains a control character");
            }
        }
        String value = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        List<String> values = headers.get(name);
        if (values == null) {
            headers.put(name, List.of(value)); // nearly every name comes once
        } else if (values instanceof ArrayList<String> more) {
            more.add(value);
        } else {
            List<String> more = new ArrayList<>(values);
            more.add(value);
            headers.put(name, more);
        }
    }

    /** Makes the value lists of repeated names read-only, as the others already are. */
    private static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getValue() instanceof ArrayList<String> more) {
                entry.setValue(Collections.unmodifiableList(more));
            }
        }
        return Collections.unmodifiableMap(headers);
    }

    /**
     * @return where the line starting at {@code start} ends, before its LF or CR LF
     * @throws HttpProblem when a CR inside it does not end it
     */
    static int lineEnd(byte[] bytes, int start) {
        int lf = indexOf(bytes, start, bytes.length, LF);
        int end = lf > start && bytes[lf - 1] == CR ? lf - 1 : lf;
        if (indexOf(bytes, start, end, CR) >= 0) {
            throw malformed("a CR that does not end a line");
        }
        return end;
    }

    /** @return where the line after the one ending at {@code end} starts */
    private static int next(byte[] bytes, int end) {
        return bytes[end] == CR ? end + 2 : end + 1;
    }

    private static int[] requestLineSpaces(byte[] bytes, int lineEnd) {
        int first = indexOf(bytes, 0, lineEnd, (byte) ' ');
        int second = first < 0 ? -1 : indexOf(bytes, first + 1, lineEnd, (byte) ' ');
        if (second < 0) {
            throw malformed("the request line is not 'method target version'");
        }
        return new int[] {first, second};
    }

    private static String token(byte[] bytes, int start, int end, String what) {
        if (start == end) {
            throw malformed("empty " + what);
        }
        for (int i = start; i < end; i++) {
            if (!HttpResponse.isTokenChar((char) (bytes[i] & 0xFF))) {
                throw malformed("the " + what + " contains a character a token cannot have");
            }
        }
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static String target(byte[] bytes, int start, int end) {
        if (start == end) {
            throw malformed("empty request target");
        }
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0x21 || bytes[i] == 0x7F) { // negative for 0x80-0xFF
                throw malformed("the request target contains a space, a control character or a non-ASCII byte");
            }
        }
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** @return whether the version is 1.0; any other 1.x is served as 1.1 (RFC 9110, section 6.2) */
    private static boolean version(byte[] bytes, int start, int end) {
        boolean wellFormed = end - start == 8 && isDigit(bytes[start + 5]) && bytes[start + 6] == '.'
                && isDigit(bytes[start + 7]);
        for (int i = 0; wellFormed && i < HTTP_SLASH.length; i++) {
            wellFormed = bytes[start + i] == HTTP_SLASH[i];
        }
        if (!wellFormed) {
            throw malformed("the HTTP version is not 'HTTP/<digit>.<digit>'");
        }
        if (bytes[start + 5] != '1') {
            throw new HttpProblem(505, "HTTP_VERSION_NOT_SUPPORTED", "only HTTP/1.0 and HTTP/1.1 are served");
        }
        return bytes[start + 7] == '0';
    }

    private static RequestHead framing(String method, String target, boolean http10,
            Map<String, List<String>> headers) {
        List<String> codings = listValues(headers.get("transfer-encoding"));
        long contentLength = contentLength(headers.get("content-length"));
        boolean chunked = false;
        if (headers.containsKey("transfer-encoding")) {
            if (codings.isEmpty()) {
                throw malformed("Transfer-Encoding is empty"); // absent to one parser, present to another
            }
            if (contentLength >= 0) {
                throw malformed("both Content-Length and Transfer-Encoding are present");
            }
            if (http10) {
                throw malformed("Transfer-Encoding in an HTTP/1.0 request");
            }
            chunked = chunked(codings);
        }
        List<String> connection = listValues(headers.get("connection"));
        boolean close = containsIgnoringCase(connection, "close");
        boolean keepAlive = http10 ? !close && containsIgnoringCase(connection, "keep-alive") : !close;
        return new RequestHead(method, target, http10, headers, contentLength, chunked, keepAlive,
                expectsContinue(http10, headers.get("expect")));
    }

    /** @return the length all {@code Content-Length} values agree on, or -1 when there is none */
    private static long contentLength(List<String> values) {
        long length = -1;
        // An empty element ("5,") is refused, where a list field would skip it: a length is one number, repeated
        // at most.
        for (String value : elements(values, true)) {
            if (value.isEmpty()) {
                throw malformed("Content-Length is empty");
            }
            long parsed = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    throw malformed("Content-Length is not a number of bytes");
                }
                parsed = parsed * 10 + (c - '0');
            }
            if (value.length() > MAX_LENGTH_DIGITS) {
                throw new HttpProblem(413, "PAYLOAD_TOO_LARGE", "Content-Length " + value + " is too large");
            }
            if (length >= 0 && parsed != length) {
                throw malformed("Content-Length values disagree");
            }
            length = parsed;
        }
        return length;
    }


    private static boolean chunked(List<String> codings) {
        for (int i = 0; i < codings.size(); i++) {
            String coding = codings.get(i);
            if (!coding.equalsIgnoreCase("chunked")) {
                throw new HttpProblem(501, "NOT_IMPLEMENTED", "transfer coding '" + coding + "' is not supported");
            }
            if (i > 0) {
                throw malformed("chunked is applied more than once");
            }
        }
        return true;
    }

    private static boolean expectsContinue(boolean http10, List<String> values) {
        if (values == null || http10) {
            return false; // HTTP/1.0 has no expectations (RFC 9110, section 10.1.1)
        }
        for (String value : values) {
            if (!value.equalsIgnoreCase("100-continue")) {
                throw new HttpProblem(417, "EXPECTATION_FAILED", "only 'Expect: 100-continue' is supported");
            }
        }
        return true;
    }

    /** @return the comma-separated elements of a field's values, trimmed, empty ones dropped */
    private static List<String> listValues(List<String> values) {
        return elements(values, false);
    }

    private static List<String> elements(List<String> values, boolean keepEmpty) {
        if (values == null) {
            return List.of();
        }
        if (values.size() == 1 && values.get(0).indexOf(',') < 0 && (keepEmpty || !values.get(0).isEmpty())) {
            return values; // nearly always: one value, one element, already trimmed by the field parser
        }
        List<String> elements = new ArrayList<>(2);
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String element = value.substring(start, end).strip();
                if (keepEmpty || !element.isEmpty()) {
                    elements.add(element);
                }
                start = end + 1;
            }
        }
        return elements;
    }

    private static boolean containsIgnoringCase(List<String> elements, String wanted) {
        for (String element : elements) {
            if (element.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] bytes, int start, int end, byte wanted) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static HttpProblem malformed(String what) {
        return HttpProblem.badRequest("malformed HTTP request: " + what);
    }
}
