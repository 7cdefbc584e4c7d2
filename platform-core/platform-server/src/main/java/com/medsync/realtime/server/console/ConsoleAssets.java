package com.medsync.realtime.server.console;

import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;
import com.medsync.realtime.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's files, from the server jar's {@code console/} folder: {@code GET /console/} is its
 * {@code index.html}, {@code GET /console/<name>} any other file of that one flat folder.
 *
 * <p>A file name must look like {@code app.js} (lower-case letters, digits, dashes, one known extension), which
 * also keeps every request inside the folder: a path segment may carry an encoded {@code /} ({@code ..%2F}).
 * Files are answered with {@code Cache-Control: no-cache} and an {@code ETag}: the browser asks again each time
 * and gets a bodiless 304 while the file is unchanged, so a new server version is never hidden behind a cached
 * script (the names carry no version to change instead).
 */
final class ConsoleAssets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}\\.(html|js|css|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8");

    private final String folder;
    // Only files that exist are kept, so requests for made-up names cannot grow it.
    private final Map<String, HttpResponse> loaded = new ConcurrentHashMap<>();

    /** @param folder the resource folder of the files, such as {@code /console/} */
    ConsoleAssets(String folder) {
        this.folder = folder;
    }

    /** {@code GET /console}: the console's address ends with a slash, so its files' relative URLs resolve. */
    static HttpResponse redirectToIndex(HttpRequest request) {
        return HttpResponse.empty(301).header("Location", "/console/");
    }

    HttpResponse index(HttpRequest request) {
        return answer("index.html", request);
    }

    HttpResponse file(HttpRequest request) {
        return answer(request.pathParam("file").orElseThrow(), request);
    }

    private HttpResponse answer(String name, HttpRequest request) {
        HttpResponse file = find(name).orElseThrow(() -> HttpProblem.notFound("the console has no file " + name));
        String etag = file.header("ETag").orElseThrow();
        if (request.header("If-None-Match").filter(sent -> matches(sent, etag)).isPresent()) {
            return HttpResponse.empty(304).header("ETag", etag).header("Cache-Control", "no-cache");
        }
        return file;
    }

    private Optional<HttpResponse> find(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        HttpResponse prepared = loaded.get(name);
        if (prepared == null) {
            Optional<byte[]> content = read(name);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            String contentType = CONTENT_TYPES.get(matcher.group(1));
            prepared = loaded.computeIfAbsent(name, unused -> prepare(content.get(), contentType));
        }
        return Optional.of(prepared);
    }

    private Optional<byte[]> read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(folder + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + name, e);
        }
    }

    private static HttpResponse prepare(byte[] content, String contentType) {
        return HttpResponse.text(200, contentType, new String(content, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-cache")
                .header("ETag", etagOf(content));
    }

    private static String etagOf(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code If-None-Match} may list several tags, and weak ones ({@code W/"..."}) match too. */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(etag) || candidate.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
