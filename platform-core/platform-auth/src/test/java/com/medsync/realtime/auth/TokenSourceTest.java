package com.medsync.realtime.auth;

import static com.medsync.realtime.auth.Tokens.assertRefused;
import static com.medsync.realtime.auth.Tokens.claims;
import static com.medsync.realtime.auth.Tokens.hs256;
import static com.medsync.realtime.auth.Tokens.hsAuthenticator;
import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.spi.auth.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the token is looked for: auth.token, then the token query parameter, then Authorization: Bearer. */
class TokenSourceTest {

    private static String tokenFor(String subject) {
        Map<String, Object> claims = claims();
        claims.put("sub", subject);
        return hs256(claims);
    }

    @Test
    void tokenFromTheAuthPayload() throws Exception {
        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(tokenFor("from_auth"))).userId())
                .isEqualTo("from_auth");
    }

    @Test
    void tokenFromTheQuery() throws Exception {
        Principal principal = hsAuthenticator().authenticate(FakeHandshake.empty().query("token", tokenFor("q")));

        assertThat(principal.userId()).isEqualTo("q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "  Bearer   "})
    void tokenFromTheAuthorizationHeader(String prefix) throws Exception {
        FakeHandshake handshake = FakeHandshake.empty().header("Authorization", prefix + tokenFor("h"));

        assertThat(hsAuthenticator().authenticate(handshake).userId()).isEqualTo("h");
    }

    @Test
    void headerNameIsCaseInsensitive() throws Exception {
        FakeHandshake handshake = FakeHandshake.empty().header("authorization", "Bearer " + tokenFor("h"));

        assertThat(hsAuthenticator().authenticate(handshake).userId()).isEqualTo("h");
    }

    @Test
    void authPayloadWinsOverQueryAndHeader() throws Exception {
        FakeHandshake handshake = FakeHandshake.authToken(tokenFor("from_auth"))
                .query("token", tokenFor("from_query"))
                .header("Authorization", "Bearer " + tokenFor("from_header"));

        assertThat(hsAuthenticator().authenticate(handshake).userId()).isEqualTo("from_auth");
    }

    @Test
    void queryWinsOverHeader() throws Exception {
        FakeHandshake handshake = FakeHandshake.empty()
                .query("token", tokenFor("from_query"))
                .header("Authorization", "Bearer " + tokenFor("from_header"));

        assertThat(hsAuthenticator().authenticate(handshake).userId()).isEqualTo("from_query");
    }

    @Test
    void aBadAuthTokenIsNotRescuedByAGoodQueryToken() {
        FakeHandshake handshake = FakeHandshake.authToken("garbage").query("token", tokenFor("from_query"));

        assertRefused(hsAuthenticator(), handshake, "malformed token");
    }

    @Test
    void noTokenAnywhere() {
        assertRefused(hsAuthenticator(), FakeHandshake.empty(), "token missing");
    }

    @Test
    void nullOrEmptyAuthTokenCountsAsMissing() throws Exception {
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(null), "token missing");
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(""), "token missing");
        assertThat(hsAuthenticator().authenticate(FakeHandshake.authToken(null).query("token", tokenFor("q")))
                .userId()).isEqualTo("q");
    }

    @Test
    void otherAuthorizationSchemesAreNotTokens() {
        assertRefused(hsAuthenticator(), FakeHandshake.empty().header("Authorization", "Basic dXNlcjpwYXNz"),
                "token missing");
        assertRefused(hsAuthenticator(), FakeHandshake.empty().header("Authorization", "Bearer"), "token missing");
        assertRefused(hsAuthenticator(), FakeHandshake.empty().header("Authorization", "Bearertoken"),
                "token missing");
    }

    @Test
    void emptyQueryTokenCountsAsMissing() {
        assertRefused(hsAuthenticator(), FakeHandshake.empty().query("token", ""), "token missing");
    }

    @Test
    void nonStringAuthTokenIsRefused() {
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(42), "token must be a string");
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(true), "token must be a string");
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(List.of(tokenFor("x"))), "token must be a string");
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(Map.of("jwt", tokenFor("x"))),
                "token must be a string");
    }

    @Test
    void nonStringAuthTokenIsRefusedEvenWithAQueryToken() {
        assertRefused(hsAuthenticator(), FakeHandshake.authToken(42).query("token", tokenFor("q")),
                "token must be a string");
    }
}
