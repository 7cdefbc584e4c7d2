package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerAuthTest {

    private static final String TOKEN = "token-abc";

    private static HttpRequest withAuthorization(String value) {
        HttpRequest.Builder builder = HttpRequest.builder("GET", "/admin/plugins");
        if (value != null) {
            builder.header("Authorization", value);
        }
        return builder.build();
    }

    @Test
    void matchesOnlyTheExactBearerToken() {
        assertThat(BearerAuth.matches(withAuthorization("Bearer token-abc"), TOKEN)).isTrue();
        assertThat(BearerAuth.matches(withAuthorization("bearer   token-abc "), TOKEN)).isTrue();
        assertThat(BearerAuth.matches(withAuthorization("Bearer token-abd"), TOKEN)).isFalse();
        assertThat(BearerAuth.matches(withAuthorization("Bearer token-ab"), TOKEN)).isFalse();
        assertThat(BearerAuth.matches(withAuthorization("Basic dG9rZW4tYWJj"), TOKEN)).isFalse();
        assertThat(BearerAuth.matches(withAuthorization("Bearertoken-abc"), TOKEN)).isFalse();
        assertThat(BearerAuth.matches(withAuthorization(null), TOKEN)).isFalse();
    }

    @Test
    void anUnsetExpectedTokenMatchesNothing() {
        assertThat(BearerAuth.matches(withAuthorization("Bearer x"), null)).isFalse();
        assertThat(BearerAuth.matches(withAuthorization("Bearer x"), "")).isFalse();
        assertThat(BearerAuth.matches(withAuthorization("Bearer "), "")).isFalse();
    }

    @Test
    void requireSaysMissingOrWrongWithoutTheToken() {
        assertThatThrownBy(() -> BearerAuth.require(withAuthorization(null), TOKEN))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(401);
                    assertThat(problem.code()).isEqualTo("UNAUTHORIZED");
                    assertThat(problem.getMessage()).contains("missing");
                    assertThat(problem.headers()).containsEntry("WWW-Authenticate", "Bearer");
                });
        assertThatThrownBy(() -> BearerAuth.require(withAuthorization("Bearer nope-token"), TOKEN))
                .isInstanceOfSatisfying(HttpProblem.class, problem -> {
                    assertThat(problem.getMessage()).contains("invalid").doesNotContain("nope").doesNotContain(TOKEN);
                    assertThat(problem.toResponse().header("WWW-Authenticate")).hasValue("Bearer");
                });
        BearerAuth.require(withAuthorization("Bearer " + TOKEN), TOKEN);
    }
}
