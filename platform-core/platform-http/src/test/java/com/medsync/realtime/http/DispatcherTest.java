package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void aNetworkThreadHandlerRunsOnTheCallerAndOneThatBlocksIsWarnedAboutOnceAMinute() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Dispatcher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Router router = new Router()
                .routeOnNetworkThread("GET", "/quick", request -> HttpResponse.text(200, "text/plain",
                        Thread.currentThread().getName()))
                .routeOnNetworkThread("GET", "/blocking", request -> {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Dispatcher.SLOW_ON_NETWORK_THREAD_NANOS) + 10);
                    return HttpResponse.empty(204);
                });
        Dispatcher dispatcher = new Dispatcher(router, task -> {
            throw new AssertionError("a network-thread route went to the pool");
        });
        try {
            CompletableFuture<HttpResponse> quick = dispatch(dispatcher, "/quick");
            assertThat(quick).isDone();
            assertThat(new String(quick.get().body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Thread.currentThread().getName());
            assertThat(appender.list).isEmpty();

            assertThat(dispatch(dispatcher, "/blocking").get().status()).isEqualTo(204);
            assertThat(dispatch(dispatcher, "/blocking").get().status()).isEqualTo(204);

            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).startsWith("GET /blocking took ")
                        .contains("on a network thread").contains("must not block");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }
}
