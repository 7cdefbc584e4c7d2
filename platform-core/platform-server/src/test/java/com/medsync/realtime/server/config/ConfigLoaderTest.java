package com.medsync.realtime.server.config;

import com.typesafe.config.Config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Path file(String hocon) throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, hocon);
        return file;
    }

    private static Properties props(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsComeFromReferenceConf() {
        ServerSettings settings = ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(), props())));

        assertThat(settings.socket().port()).isEqualTo(3000);
        assertThat(settings.http().port()).isEqualTo(3001);
        assertThat(settings.bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.profile()).isEqualTo(Profile.DEV);
    }

    @Test
    void environmentBeatsTheFileAndSystemPropertiesBeatTheEnvironment() throws Exception {
        Path conf = file("medsync.socket.port = 4000\nmedsync.http.port = 4001\nmedsync.bind = \"10.0.0.1\"");
        Config config = loader.load(Optional.of(conf),
                Map.of("MEDSYNC_SOCKET_PORT", "5000", "MEDSYNC_HTTP_PORT", "5001"),
                props("medsync.http.port", "6001", "java.vendor", "ignored"));
        ServerSettings settings = ServerSettings.from(new Settings(config));

        assertThat(settings.socket().port()).isEqualTo(5000);
        assertThat(settings.http().port()).isEqualTo(6001);
        assertThat(settings.bindHost()).isEqualTo("10.0.0.1");
    }

    @Test
    void allowedOriginsAreCommaSeparated() {
        Config config = loader.load(Optional.empty(),
                Map.of("MEDSYNC_ALLOWED_ORIGINS", "https://a.example, https://b.example"), props());

        assertThat(ServerSettings.from(new Settings(config)).allowedOrigins())
                .containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void anUnknownSettingStopsStartUpAndIsNamed() throws Exception {
        Path conf = file("medsync.socket.prot = 4000");

        assertThatThrownBy(() -> loader.load(Optional.of(conf), Map.of(), props()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("medsync.socket.prot")
                .hasMessageContaining("unknown setting");
    }

    @Test
    void aMisspeltSystemPropertyIsUnknownToo() {
        // Set for real: the JVM's own properties must not leak into what counts as a known setting.
        System.setProperty("medsync.socket.prot", "1");
        try {
            assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of(), System.getProperties()))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("medsync.socket.prot");
        } finally {
            System.clearProperty("medsync.socket.prot");
        }
    }

    @Test
    void anInvalidValueNamesTheSettingAndItsVariable() {
        Config config = loader.load(Optional.empty(), Map.of("MEDSYNC_SOCKET_PORT", "seventy"), props());

        assertThatThrownBy(() -> ServerSettings.from(new Settings(config)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("medsync.socket.port (MEDSYNC_SOCKET_PORT)");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        Config config = loader.load(Optional.empty(), Map.of("MEDSYNC_HTTP_PORT", "70000"), props());

        assertThatThrownBy(() -> ServerSettings.from(new Settings(config)))
                .hasMessageContaining("medsync.http.port")
                .hasMessageContaining("70000");
    }

    @Test
    void connectionThreadsDefaultToOnePerTwoCoresOnTheNativeTransport() {
        ServerSettings settings = ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(), props())));

        assertThat(settings.socket().ioThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(settings.socket().nativeTransport()).isTrue();
        assertThat(ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(),
                props("medsync.socket.io-threads", "3")))).socket().ioThreads()).isEqualTo(3);
    }

    @Test
    void aNegativeThreadCountIsRefused() {
        assertRefused("medsync.socket.io-threads", "-1", "-1");
        assertRefused("medsync.http.io-threads", "-2", "-2");
    }

    @Test
    void httpNetworkThreadsDefaultToOnePerTwoCoresAtMostFour() {
        assertThat(ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(), props()))).http().ioThreads())
                .isEqualTo(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)));
        assertThat(ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(),
                props("medsync.http.io-threads", "3")))).http().ioThreads()).isEqualTo(3);
    }

    @Test
    void theHttpTimeoutsHaveDefaultsAndMustBePositive() {
        ServerSettings settings = ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(),
                props("medsync.http.idle-timeout", "5s"))));

        assertThat(settings.http().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(settings.http().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertRefused("medsync.http.request-timeout", "0s", "greater than 0");
    }

    /** Sets one setting with -D and expects start-up to stop, naming the setting and saying {@code why}. */
    private void assertRefused(String path, String value, String why) {
        Config config = loader.load(Optional.empty(), Map.of(), props(path, value));

        assertThatThrownBy(() -> ServerSettings.from(new Settings(config)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(path)
                .hasMessageContaining(why);
    }

    @Test
    void theMemoryStoreIsCappedAtAMillionEntriesUnlessSetOtherwise() {
        assertThat(ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(), props())))
                .memoryStore().maxEntries()).isEqualTo(1_000_000);
        assertThat(ServerSettings.from(new Settings(loader.load(Optional.empty(), Map.of(),
                props("medsync.store.memory-max-entries", "5000")))).memoryStore().maxEntries()).isEqualTo(5_000);
    }

    @Test
    void aMemoryStoreCapOfZeroIsRefused() {
        assertRefused("medsync.store.memory-max-entries", "0", "must be greater than 0");
    }

    @Test
    void prodRefusesToStartWithoutSecrets() {
        Config config = loader.load(Optional.empty(), Map.of("MEDSYNC_PROFILE", "prod"), props());
        ServerSettings settings = ServerSettings.from(new Settings(config));

        assertThatThrownBy(() -> Credentials.resolve(settings))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("MEDSYNC_JWT_SECRET")
                .hasMessageContaining("prod");
    }

    @Test
    void devGeneratesWhatIsMissingAndSaysWhat() {
        Config config = loader.load(Optional.empty(), Map.of("MEDSYNC_API_KEY", "key"), props());
        Credentials credentials = Credentials.resolve(ServerSettings.from(new Settings(config)));

        assertThat(credentials.apiKey()).isEqualTo("key");
        assertThat(credentials.generated()).containsExactly("MEDSYNC_JWT_SECRET", "MEDSYNC_ADMIN_TOKEN");
        assertThat(credentials.jwt().secret()).hasValueSatisfying(secret -> assertThat(secret).hasSizeGreaterThan(32));
    }

    @Test
    void aShortSecretIsRefusedEvenInDev() {
        Config config = loader.load(Optional.empty(), Map.of("MEDSYNC_JWT_SECRET", "short"), props());

        assertThatThrownBy(() -> Credentials.resolve(ServerSettings.from(new Settings(config))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("32 bytes");
    }
}
