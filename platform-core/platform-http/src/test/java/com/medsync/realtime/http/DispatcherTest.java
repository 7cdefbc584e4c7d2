package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static CompletableFuture<HttpResponse> dispatch(Dispatcher dispatcher, String path) {
        CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
        HttpRequest request = HttpRequest.builder("GET", path).build();
        dispatcher.dispatch(request, PathPattern.split(path), answer::complete);
        return answer;
    }

    @Test
    void aFullHandlerPoolAnswers503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Router router = new Router().route("GET", "/block", request -> {
            release.await(10, TimeUnit.SECONDS);
            return HttpResponse.empty(204);
        });
        ThreadPoolExecutor pool = HandlerExecutor.create(1, 1);
        try {
            Dispatcher dispatcher = new Dispatcher(router, pool);
            CompletableFuture<HttpResponse> running = dispatch(dispatcher, "/block");
            CompletableFuture<HttpResponse> queued = dispatch(dispatcher, "/block");

            HttpResponse rejected = dispatch(dispatcher, "/block").get(1, TimeUnit.SECONDS);

            assertThat(rejected.status()).isEqualTo(503);
            assertThat(rejected.header("Retry-After")).hasValue("1");
            assertThat(Json.mapper().readTree(rejected.body()).path("error").path("code").asText())
                    .isEqualTo("SERVICE_UNAVAILABLE");
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS).status()).isEqualTo(204);
            assertThat(queued.get(5, TimeUnit.SECONDS).status()).isEqualTo(204);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullResponsesAndErrorsAre500() throws Exception {
        Router router = new Router()
                .route("GET", "/null", request -> null)
                .route("GET", "/overflow", request -> {
                    throw new StackOverflowError();
                });
        ThreadPoolExecutor pool = HandlerExecutor.create(1, 4);
        try {
            Dispatcher dispatcher = new Dispatcher(router, pool);

            for (String path : List.of("/null", "/overflow")) {
                assertThat(dispatch(dispatcher, path).get(5, TimeUnit.SECONDS).status()).as(path).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void problemsWithUnserializableDetailsAre500() throws Exception {
        Router router = new Router().route("GET", "/bad", request -> {
            throw HttpProblem.badRequest("x").withDetail("thing", new Object());
        });
        ThreadPoolExecutor pool = HandlerExecutor.create(1, 4);
        try {
            assertThat(dispatch(new Dispatcher(router, pool), "/bad").get(5, TimeUnit.SECONDS).status())
                    .isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }
}
