package com.medsync.realtime.server.room;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.server.config.ServerSettings.CallbackSettings;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.spi.room.RoomPolicy;
import com.medsync.realtime.spi.room.Verdict;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the backend whether a user may join a {@code chat:} or {@code dispatch:} room:
 * {@code POST {url}} with {@code {userId, role, pharmacyId, room}}, answered 200 (yes) or 403 (no).
 * Answers are cached briefly; a timeout or any other answer grants nothing and is not cached.
 */
public final class BackendRoomCallback implements RoomPolicy {

    private static final Logger log = LoggerFactory.getLogger(BackendRoomCallback.class);

    /** Beyond this many cached answers the cache starts over rather than growing without bound. */
    private static final int MAX_CACHED = 50_000;

    private final URI url;
    private final Duration timeout;
    private final Duration allowTtl;
    private final Duration denyTtl;
    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public BackendRoomCallback(URI url, CallbackSettings settings, ObjectMapper mapper) {
        this.url = url;
        this.timeout = settings.timeout();
        this.allowTtl = settings.allowCacheTtl();
        this.denyTtl = settings.denyCacheTtl();
        this.mapper = mapper;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Verdict decide(Principal principal, Room room) {
        if (room.kind() != Room.Kind.CHAT && room.kind() != Room.Kind.DISPATCH) {
            return Verdict.ABSTAIN;
        }
        String key = principal.userId() + '\n' + principal.role() + '\n'
                + principal.pharmacyId().orElse("") + '\n' + room.name();
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return cached.verdict;
        }
        Verdict verdict = ask(principal, room);
        Duration ttl = verdict == Verdict.ALLOW ? allowTtl : verdict == Verdict.DENY ? denyTtl : Duration.ZERO;
        if (!ttl.isZero()) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(verdict, now + ttl.toNanos()));
        }
        // The callback can grant a room; a "no" is not a veto over what the token itself grants.
        return verdict == Verdict.ALLOW ? Verdict.ALLOW : Verdict.ABSTAIN;
    }

    private Verdict ask(Principal principal, Room room) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", principal.userId());
        body.put("role", principal.role().wireName());
        body.put("pharmacyId", principal.pharmacyId().orElse(null));
        body.put("room", room.name());
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return Verdict.ALLOW;
            }
            if (status == 403) {
                return Verdict.DENY;
            }
            log.warn("Room authorization callback answered {} for {}; treating as not allowed", status, room);
        } catch (IOException e) {
            log.warn("Room authorization callback failed for {}: {}", room, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Verdict.ABSTAIN;
    }

    private record Cached(Verdict verdict, long expiresAtNanos) {
    }
}
