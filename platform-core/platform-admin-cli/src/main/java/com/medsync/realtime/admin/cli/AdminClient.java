package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The admin API over HTTP: one method per endpoint, answers parsed as JSON, every failure turned into an
 * {@link AdminFailure} with the exit status it deserves.
 */
final class AdminClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Applying a phase stops and starts plugins in dependency order, which takes a while. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that changes nothing, so that a timeout leaves nothing to check. */
    private static final String READ = null;
    private static final String CHECK_PLUGINS = "`medsync-admin phase list` and `medsync-admin plugins list`";
    private static final String CHECK_CONNECTIONS = "`medsync-admin connections`";

    private final ServerAddress server;
    private final String token;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient http;

    AdminClient(ServerAddress server, String token, Duration connectTimeout, Duration requestTimeout) {
        this.server = Objects.requireNonNull(server, "server");
        this.token = Objects.requireNonNull(token, "token");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        // HTTP/1.1 because the node speaks nothing else; redirects are not followed so the token only ever
        // goes to the URL the operator chose.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Answer plugins() {
        return send("GET", "/admin/plugins", null);
    }

    /** @param action {@code start}, {@code stop}, {@code enable}, {@code disable} or {@code reload} */
    Answer pluginAction(String id, String action) {
        return send("POST", "/admin/plugins/" + segment(id) + "/" + action, null);
    }

    Answer unloadPlugin(String id) {
        return send("DELETE", "/admin/plugins/" + segment(id), null);
    }

    /** @param path a jar file in the server's plugins directory */
    Answer loadPlugin(String path) {
        return send("POST", "/admin/plugins", JSON.createObjectNode().put("path", path));
    }

    Answer phases() {
        return send("GET", "/admin/phases", null);
    }

    Answer planPhase(String name) {
        return send("POST", "/admin/phases/" + segment(name) + "/plan", null);
    }

    Answer applyPhase(String name) {
        return send("POST", "/admin/phases/" + segment(name) + "/apply", null);
    }

    Answer stats() {
        return send("GET", "/admin/stats", null);
    }

    /**
     * One page of the node's sockets.
     *
     * @param query the filters and paging parameters ({@code namespace}, {@code user}, {@code room},
     *              {@code transport}, {@code after}, {@code limit}), in order; a {@code null} value is left out
     */
    Answer connections(Map<String, String> query) {
        return send("GET", "/admin/connections" + query(query), null, READ);
    }

    /** @param query as {@link #connections}, with {@code namespace}, {@code q}, {@code after} and {@code limit} */
    Answer rooms(Map<String, String> query) {
        return send("GET", "/admin/rooms" + query(query), null, READ);
    }

    Answer disconnectSocket(String id) {
        return send("POST", "/admin/connections/" + segment(id) + "/disconnect", null, CHECK_CONNECTIONS);
    }

    /** Every socket of the user, on every node of a cluster. */
    Answer disconnectUser(String id) {
        return send("POST", "/admin/users/" + segment(id) + "/disconnect", null, CHECK_CONNECTIONS);
    }

    /** Who the server's audit log names for each change: $MEDSYNC_OPERATOR, else the OS user. */
    private static final String OPERATOR = operator();

    private static String operator() {
        String name = System.getenv("MEDSYNC_OPERATOR");
        if (name == null || name.isBlank()) {
            name = System.getProperty("user.name", "unknown");
        }
        String safe = name.replaceAll("[^A-Za-z0-9_.@-]", "_");
        return safe.isEmpty() ? "unknown" : safe;
    }

    private Answer send(String method, String path, JsonNode body) {
        return send(method, path, body, CHECK_PLUGINS);
    }

    /** @param check the commands that tell whether a change that timed out was made, or {@link #READ} */
    private Answer send(String method, String path, JsonNode body, String check) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "medsync-admin/" + VersionProvider.version())
                .header("X-Medsync-Operator", OPERATOR);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        String what = method + " " + path;
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw AdminFailure.unavailable("cannot connect to " + server + ": no connection within "
                    + text(connectTimeout));
        } catch (HttpTimeoutException e) {
            throw AdminFailure.unavailable("no answer from " + server + " to " + what + " within "
                    + text(requestTimeout) + (check == null ? "" : "; the server may still be carrying it out,"
                    + " check with " + check));
        } catch (ConnectException e) {
            throw AdminFailure.unavailable("cannot connect to " + server + ": " + connectFailure(e));
        } catch (IOException e) {
            String reason = reason(e);
            throw AdminFailure.unavailable("no usable answer from " + server + " to " + what + ": "
                    + (reason != null ? reason : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminFailure.unavailable("interrupted while waiting for " + server);
        }
        return answer(what, response);
    }

    private Answer answer(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 401) {
            throw AdminFailure.unavailable("the admin token was refused (401); set MEDSYNC_ADMIN_TOKEN"
                    + " to the server's admin token");
        }
        if (status >= 400 && status < 500) {
            throw AdminFailure.refused(problem(status, body));
        }
        if (status >= 500) {
            throw AdminFailure.unavailable("the server failed to carry out " + what + ": " + problem(status, body));
        }
        if (status < 200 || status > 299) {
            throw AdminFailure.unavailable("unexpected answer to " + what + ": HTTP " + status);
        }
        try {
            return new Answer(what, body, JSON.readTree(body));
        } catch (JsonProcessingException e) {
            throw AdminFailure.unavailable("unexpected answer to " + what + ": HTTP " + status
                    + " with a body that is not JSON");
        }
    }

    /** The server's own explanation from its {@code {"error":{"code","message"}}} body, else the status. */
    private String problem(int status, String body) {
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (JsonProcessingException e) {
            error = JSON.missingNode();
        }
        String message = error.path("message").asText("");
        String code = error.path("code").asText("");
        String suffix = "(HTTP " + status + (code.isEmpty() ? "" : " " + code) + ")";
        // The server never echoes the token; this keeps a buggy or hostile one from making us print it.
        return message.isBlank() ? suffix : Table.clean(message.replace(token, "***")) + " " + suffix;
    }

    /**
     * Why the connection failed. JDK 17's HttpClient drops the operating system's reason ("Connection refused")
     * from its ConnectException; one plain socket connection recovers it, which is what the operator needs to
     * tell a stopped node from a wrong port or a firewall.
     */
    private String connectFailure(ConnectException e) {
        String reason = reason(e);
        if (reason != null) {
            return reason;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) connectTimeout.toMillis());
            return "the connection failed, though the port accepts connections now";
        } catch (SocketTimeoutException probe) {
            return "no connection within " + text(connectTimeout);
        } catch (UnknownHostException probe) {
            return "unknown host";
        } catch (IOException probe) {
            return probe.getMessage() != null ? probe.getMessage() : probe.getClass().getSimpleName();
        }
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The deepest message in the chain, the most precise one; {@code null} when there is none. */
    private static String reason(IOException e) {
        String reason = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }

    /** {@code ?name=value&...} of the parameters that have a value, each value encoded; nothing when none has. */
    static String query(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + segment(value));
            }
        });
        return query.toString();
    }

    /**
     * Percent-encodes one path segment or query value, so an id such as {@code ../x} or {@code a/b} stays one
     * segment of the admin path instead of reaching another endpoint, and a filter such as {@code a&limit=1} stays
     * one value.
     */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        boolean dotsOnly = value.chars().allMatch(c -> c == '.');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !dotsOnly);
            if (unreserved) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
