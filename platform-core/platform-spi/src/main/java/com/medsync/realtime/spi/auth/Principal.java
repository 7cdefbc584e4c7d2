package com.medsync.realtime.spi.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated identity of a socket. It comes from the token only; nothing a client sends after the
 * handshake can change it.
 *
 * @param userId     the {@code sub} claim
 * @param role       the {@code role} claim
 * @param pharmacyId the {@code pharmacyId} claim of pharmacy staff, if any
 * @param rooms      extra room names the token allows (the {@code rooms} claim), possibly empty
 * @param expiresAt  when the credential stops being valid
 * @param claims     every claim of the token, for policies that need more
 */
public record Principal(
        String userId,
        Role role,
        Optional<String> pharmacyId,
        Set<String> rooms,
        Instant expiresAt,
        Map<String, Object> claims) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pharmacyId, "pharmacyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        rooms = Set.copyOf(rooms);
        claims = Map.copyOf(claims);
    }
}
