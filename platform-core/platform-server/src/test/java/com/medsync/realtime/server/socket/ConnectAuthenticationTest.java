package com.medsync.realtime.server.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.socket.ConnectAuthentication.Accepted;
import com.medsync.realtime.server.socket.ConnectAuthentication.Refused;
import com.medsync.realtime.server.testing.FixedHandshake;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.auth.Role;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConnectAuthenticationTest {

    private static final Handshake HANDSHAKE = new FixedHandshake("/patient-pharmacy", Map.of("token", "t"));

    @Test
    void theAuthenticatorsPrincipalIsAccepted() {
        Principal patient = principal("patient-1");

        assertThat(new ConnectAuthentication(handshake -> patient).authenticate(HANDSHAKE))
                .isEqualTo(new Accepted(patient));
    }

    @Test
    void aRefusalCarriesTheAuthenticatorsReasonToTheClient() {
        Authenticator expired = handshake -> {
            throw new AuthenticationException("token expired");
        };

        assertThat(new ConnectAuthentication(expired).authenticate(HANDSHAKE))
                .isEqualTo(new Refused("Authentication error: token expired", "token expired"));
    }

    @Test
    void aFailingAuthenticatorRefusesWithAnInternalErrorInsteadOfThrowing() {
        Authenticator broken = handshake -> {
            throw new IllegalStateException("key store unreadable");
        };

        assertThat(new ConnectAuthentication(broken).authenticate(HANDSHAKE))
                .isEqualTo(new Refused("Authentication error: internal error", "internal error"));
    }

    @Test
    void aSubjectThatCannotNameAUserRoomIsRefused() {
        Principal odd = principal("a b/c");

        assertThat(new ConnectAuthentication(handshake -> odd).authenticate(HANDSHAKE))
                .isEqualTo(new Refused("Authentication error: token subject is not a valid id",
                        "token subject is not a valid id"));
    }

    private static Principal principal(String userId) {
        return new Principal(userId, Role.PATIENT, Optional.empty(), Set.of(), Instant.now().plusSeconds(60), Map.of());
    }
}
