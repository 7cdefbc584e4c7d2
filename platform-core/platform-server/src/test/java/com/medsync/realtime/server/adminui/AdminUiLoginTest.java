package com.medsync.realtime.server.adminui;

import at.favre.lib.crypto.bcrypt.BCrypt;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.server.testing.FixedHandshake;
import com.medsync.realtime.server.testing.SettableClock;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminUiLoginTest {

    private static final String PASSWORD = "s3cret password";

    private static Handshake handshake(Map<String, Object> auth) {
        return new FixedHandshake("/admin", auth);
    }

    private static AdminUiLogin login(String hash, Clock clock) {
        return new AdminUiLogin(Optional.of("ops"), Optional.of(hash), clock);
    }

    @Test
    void hashesOfEveryBcryptVersionOperatorsMakeAreAccepted() {
        for (BCrypt.Version version : new BCrypt.Version[] {BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y}) {
            String hash = BCrypt.with(version).hashToString(4, PASSWORD.toCharArray());
            assertThat(AdminUiLogin.passwordMatches(PASSWORD, hash)).as(hash).isTrue();
            assertThat(AdminUiLogin.passwordMatches("wrong", hash)).as(hash).isFalse();
        }
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsCutAsBcryptjsCutsItRatherThanFailing() {
        String longPassword = "x".repeat(100);
        String hash = BCrypt.withDefaults().hashToString(4, longPassword.substring(0, 72).toCharArray());
        assertThat(AdminUiLogin.passwordMatches(longPassword, hash)).isTrue();
        assertThat(AdminUiLogin.passwordMatches("not a hash", "$2b$04$" + "x".repeat(10))).isFalse();
    }

    @Test
    void theRightLoginGetsASessionThatLetsTheUiBackInUntilItExpires() throws AuthenticationException {
        SettableClock clock = new SettableClock();
        AdminUiLogin login = login(BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()), clock);

        Principal first = login.authenticate(handshake(Map.of("username", "ops", "password", PASSWORD)));
        String session = (String) first.claims().get(AdminUiLogin.NEW_SESSION_CLAIM);
        assertThat(session).matches("[0-9a-f]{32}");

        Principal back = login.authenticate(handshake(Map.of("sessionId", session)));
        assertThat(back.claims()).doesNotContainKey(AdminUiLogin.NEW_SESSION_CLAIM);

        clock.advance(Duration.ofHours(13));
        assertThatThrownBy(() -> login.authenticate(handshake(Map.of("sessionId", session))))
                .hasMessage(AdminUiLogin.INVALID_CREDENTIALS);
    }

    @Test
    void aWrongNameOrPasswordOrAMalformedPayloadIsRefusedAlike() {
        AdminUiLogin login = login(BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()), Clock.systemUTC());
        for (Map<String, Object> auth : java.util.List.<Map<String, Object>>of(
                Map.of("username", "ops", "password", "wrong"),
                Map.of("username", "other", "password", PASSWORD),
                Map.of("username", "ops", "password", 42),
                Map.of("token", "eyJ..."),
                Map.of())) {
            assertThatThrownBy(() -> login.authenticate(handshake(auth))).as(auth.toString())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage(AdminUiLogin.INVALID_CREDENTIALS);
        }
    }

    @Test
    void withoutALoginConfiguredEveryoneIsLetIn() throws AuthenticationException {
        AdminUiLogin open = new AdminUiLogin(Optional.empty(), Optional.empty(), Clock.systemUTC());
        assertThat(open.authenticate(handshake(Map.of())).userId()).isEqualTo(AdminUiLogin.OPERATOR);
    }
}
