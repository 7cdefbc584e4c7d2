package com.medsync.realtime.server.socket.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.medsync.realtime.server.config.ConfigLoader;
import com.medsync.realtime.server.config.ServerSettings;
import com.medsync.realtime.server.config.Settings;

import io.netty.util.HashedWheelTimer;
import io.netty.util.ResourceLeakDetector;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

class SocketIoEngineTest {

    /**
     * An engine that started and closed leaves no timer for Netty's leak detector: it reports a timer that was
     * collected unstopped when the next timer is made, so the test makes engines, lets the collector run and then
     * makes a timer. (The collector may keep an unstopped timer a while longer; the test cannot fail wrongly, only
     * miss.)
     */
    @Test
    void aClosedEngineLeavesNoUnstoppedTimerBehind() throws Exception {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        detector.addAppender(reports);
        try {
            for (int i = 0; i < 3; i++) {
                try (SocketIoEngine engine = new SocketIoEngine(settings(freePort()), "127.0.0.1", new NoListener(),
                        new OriginPolicy(List.of(), true))) {
                    engine.start();
                }
            }
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(50);
                new HashedWheelTimer().stop();
            }
        } finally {
            detector.detachAppender(reports);
        }
        assertThat(reports.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("HashedWheelTimer"));
    }

    private static ServerSettings.SocketSettings settings(int port) {
        Properties properties = new Properties();
        properties.setProperty("medsync.socket.port", String.valueOf(port));
        properties.setProperty("medsync.socket.io-threads", "1");
        return ServerSettings.from(new Settings(new ConfigLoader().load(Optional.empty(), Map.of(), properties)))
                .socket();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final class NoListener implements EngineListener {

        @Override
        public void onPacket(EngineConnection connection, String text) {
        }

        @Override
        public void onAttachment(EngineConnection connection, byte[] attachment) {
        }

        @Override
        public void onConnectDeadline(EngineConnection connection, Duration timeout) {
        }

        @Override
        public void onClosed(UUID connectionId) {
        }
    }
}
