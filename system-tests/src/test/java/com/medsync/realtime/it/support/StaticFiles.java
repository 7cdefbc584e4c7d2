package com.medsync.realtime.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A folder served over HTTP on 127.0.0.1, as a web server serves a built single-page app: for a browser test of a
 * page that is not ours, such as the Socket.IO Admin UI's {@code ui/dist}. GET and HEAD only; a path naming no file
 * in the folder is a 404 (the apps served this way route in the URL's fragment, never by path).
 */
public final class StaticFiles implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "map", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "static-files");
        thread.setDaemon(true);
        return thread;
    });

    public StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.root.resolve("index.html"))) {
            throw new IllegalStateException("no index.html to serve in " + this.root);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(FreePorts.LOOPBACK), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a port on " + FreePorts.LOOPBACK, e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(handlers);
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>}, the origin of the pages served, without a trailing slash */
    public String origin() {
        return "http://" + FreePorts.LOOPBACK + ":" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Path file = root.resolve((path.endsWith("/") ? path + "index.html" : path).substring(1)).normalize();
            // A path with ".." must not reach outside the folder.
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
