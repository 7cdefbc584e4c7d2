package com.medsync.realtime.server.api;

import com.medsync.realtime.http.HttpProblem;
import com.medsync.realtime.http.HttpRequest;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The query parameters of the console's listings, checked: a bad one is a 400 {@code INVALID_PARAMETER} whose
 * message and {@code parameter} member name it. An empty parameter ({@code ?user=}) counts as not given, as a form
 * with an empty field sends it.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** @return {@code limit}, from 1 to {@code max}, or {@code byDefault} when not given */
    static int limit(HttpRequest request, int byDefault, int max) {
        Optional<String> value = text(request, "limit");
        if (value.isEmpty()) {
            return byDefault;
        }
        String text = value.get();
        int limit = text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : -1;
        if (limit < 1 || limit > max) {
            throw invalid("limit", "must be a whole number from 1 to " + max);
        }
        return limit;
    }

    /** @return the parameter, unless absent or empty */
    static Optional<String> text(HttpRequest request, String name) {
        return request.queryParam(name).filter(value -> !value.isEmpty());
    }

    /** @return the parameter when it is {@code valid}; a 400 saying it {@code mustBe} ... when it is not */
    static Optional<String> checked(HttpRequest request, String name, Predicate<String> valid, String mustBe) {
        Optional<String> value = text(request, name);
        if (value.isPresent() && !valid.test(value.get())) {
            throw invalid(name, "must be " + mustBe);
        }
        return value;
    }

    /** @return a sequence number (0 or more), if given */
    static OptionalLong sequence(HttpRequest request, String name) {
        Optional<String> value = checked(request, name, text -> text.matches("[0-9]{1,18}"),
                "a whole number of 0 or more");
        return value.isPresent() ? OptionalLong.of(Long.parseLong(value.get())) : OptionalLong.empty();
    }

    static HttpProblem invalid(String parameter, String problem) {
        return new HttpProblem(400, "INVALID_PARAMETER", "query parameter '" + parameter + "' " + problem)
                .withDetail("parameter", parameter);
    }
}
