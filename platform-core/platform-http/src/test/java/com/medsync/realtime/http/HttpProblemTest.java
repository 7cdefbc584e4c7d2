package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpProblemTest {

    @Test
    void answersTheErrorShapeWithDetails() {
        HttpProblem problem = HttpProblem.unprocessable("INVALID_FIELD", "pharmacy.id is required")
                .withDetail("field", "pharmacy.id");

        HttpResponse response = problem.toResponse();

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).hasValue("application/json; charset=utf-8");
        assertThat(response.bodyAsString()).isEqualTo(
                "{\"error\":{\"code\":\"INVALID_FIELD\",\"message\":\"pharmacy.id is required\","
                        + "\"field\":\"pharmacy.id\"}}");
    }

    @Test
    void factoriesUseTheirStatusAndCode() {
        assertThat(HttpProblem.badRequest("m")).extracting(HttpProblem::status, HttpProblem::code)
                .containsExactly(400, "BAD_REQUEST");
        assertThat(HttpProblem.unauthorized("m").status()).isEqualTo(401);
        assertThat(HttpProblem.notFound("m").code()).isEqualTo("NOT_FOUND");
        assertThat(HttpProblem.conflict("m").status()).isEqualTo(409);
        assertThat(new HttpProblem(404, "X", "m", Map.of("id", 3)).details()).containsEntry("id", 3);
    }

    @Test
    void detailsCanBeAddedAsStatementsOrChained() {
        HttpProblem problem = HttpProblem.unprocessable("CONTRACT", "bad data");

        Map.of("field", "pharmacy.id").forEach(problem::withDetail);
        HttpProblem same = problem.withDetail("rule", "required").withHeader("Retry-After", "5");

        assertThat(same).isSameAs(problem);
        assertThat(problem.details()).containsEntry("field", "pharmacy.id").containsEntry("rule", "required");
        assertThat(problem.toResponse().header("Retry-After")).hasValue("5");
        assertThatThrownBy(() -> problem.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void guardsTheErrorFieldsAndStatus() {
        assertThatThrownBy(() -> HttpProblem.conflict("busy").withDetail("code", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpProblem(409, "C", "m", Map.of("message", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpProblem(200, "OK", "m")).isInstanceOf(IllegalArgumentException.class);
    }
}
