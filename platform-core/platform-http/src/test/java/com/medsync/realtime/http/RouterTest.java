package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final HttpHandler A = request -> HttpResponse.empty(204);
    private static final HttpHandler B = request -> HttpResponse.empty(204);

    private static List<String> segments(String path) {
        return PathPattern.split(path);
    }

    @Test
    void matchesLiteralAndParameterSegments() {
        Router router = new Router().route("POST", "/admin/plugins/{id}/start", A);

        RouteMatch match = router.match("POST", segments("/admin/plugins/chat/start"));

        assertThat(match).isEqualTo(new RouteMatch.Found(A, Map.of("id", "chat"), false));
        assertThat(router.match("POST", segments("/admin/plugins/chat/start/x")))
                .isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("POST", segments("/admin/plugins/chat"))).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void literalBeatsParameterWhateverTheOrder() {
        Router router = new Router().route("GET", "/a/{x}", A).route("GET", "/a/b", B);

        assertThat(router.match("GET", segments("/a/b"))).isEqualTo(new RouteMatch.Found(B, Map.of(), false));
        assertThat(router.match("GET", segments("/a/c"))).isEqualTo(new RouteMatch.Found(A, Map.of("x", "c"), false));
    }

    @Test
    void reportsAllowedMethodsForAKnownPath() {
        Router router = new Router().route("get", "/x/{id}", A).route("DELETE", "/x/{id}", B);

        assertThat(router.match("PUT", segments("/x/1")))
                .isEqualTo(new RouteMatch.MethodNotAllowed(Set.of("DELETE", "GET")));
    }

    @Test
    void rootAndParametersRejectEmptyAndDotSegments() {
        Router router = new Router().route("GET", "/", A).route("GET", "/files/{name}", B);

        assertThat(router.match("GET", segments("/"))).isEqualTo(new RouteMatch.Found(A, Map.of(), false));
        assertThat(router.match("GET", segments("/files/.."))).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", segments("/files/."))).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", segments("/files/"))).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void aTrailingSlashPatternMatchesOnlyThePathWithTheSlash() {
        Router router = new Router().route("GET", "/console/", A).route("GET", "/console/{file}", B)
                .route("GET", "/console", A);

        assertThat(router.match("GET", segments("/console/"))).isEqualTo(new RouteMatch.Found(A, Map.of(), false));
        assertThat(router.match("GET", segments("/console/app.js")))
                .isEqualTo(new RouteMatch.Found(B, Map.of("file", "app.js"), false));
        assertThat(router.match("GET", segments("/console"))).isEqualTo(new RouteMatch.Found(A, Map.of(), false));
        assertThat(router.match("GET", segments("/console//"))).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void duplicateShapeIsRejected() {
        Router router = new Router().route("GET", "/a/{x}", A);

        assertThatThrownBy(() -> router.route("GET", "/a/{y}", B))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already routed");
        router.route("POST", "/a/{y}", B); // another method is fine
    }

    @Test
    void unrouteRemovesOnlyThatMethodAndIsIdempotent() {
        Router router = new Router().route("GET", "/a/{x}", A).route("POST", "/a/{x}", B);

        router.unroute("GET", "/a/{other}").unroute("GET", "/a/{x}");

        assertThat(router.match("GET", segments("/a/1")))
                .isEqualTo(new RouteMatch.MethodNotAllowed(Set.of("POST")));
        router.route("GET", "/a/{x}", A); // free again
    }

    @Test
    void invalidPatternsAreRejected() {
        Router router = new Router();
        for (String bad : List.of("a/b", "/a//b", "/a//", "//", "/a/{}", "/a/{1x}", "/a/x{y}", "/{x}/{x}", "/a%20b")) {
            assertThatThrownBy(() -> router.route("GET", bad, A)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> router.route("GE T", "/a", A)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentChangesAreNotLost() throws InterruptedException {
        Router router = new Router();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    router.route("GET", "/t" + id + "/r" + i, A);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int t = 0; t < threads.length; t++) {
            for (int i = 0; i < 50; i++) {
                assertThat(router.match("GET", segments("/t" + t + "/r" + i))).isInstanceOf(RouteMatch.Found.class);
            }
        }
    }
}
