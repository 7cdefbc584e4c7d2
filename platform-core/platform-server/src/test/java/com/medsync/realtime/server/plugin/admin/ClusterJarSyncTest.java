package com.medsync.realtime.server.plugin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.medsync.realtime.server.plugin.host.PluginView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync's decisions against a plugins directory on disk, with the cluster's store and the plugin host in
 * memory: what it writes, what it refuses before writing anything, what it retries, and which jars it deletes.
 * Two real nodes sharing a jar through Redis are PluginJarsE2ETest's.
 */
class ClusterJarSyncTest {

    private static final long MAX_JAR_BYTES = 1_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path pluginsDir;

    /** The cluster's jars, as Redis would hold them. */
    private static final class MemoryJars implements SharedJars {
        final Map<String, JarManifest> manifests = new LinkedHashMap<>();
        final Map<String, byte[]> bytes = new HashMap<>();
        int fetches;

        @Override
        public void publish(JarManifest manifest, byte[] jar) {
            manifests.put(manifest.pluginId(), manifest);
            bytes.put(manifest.sha256(), jar.clone());
        }

        @Override
        public void withdraw(String pluginId) {
            manifests.remove(pluginId);
        }

        @Override
        public Map<String, JarManifest> manifests() {
            return Map.copyOf(manifests);
        }

        @Override
        public byte[] fetch(JarManifest manifest) {
            fetches++;
            byte[] stored = bytes.get(manifest.sha256());
            if (stored == null) {
                throw new IllegalStateException("no bytes stored for " + manifest.pluginId());
            }
            return stored.clone();
        }
    }

    /** The host: a plugin is the jar it was loaded from; what it loads and unloads is written down. */
    private final class Host implements NodeJars {
        final Map<String, Path> loaded = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Path pluginsDir() {
            return pluginsDir;
        }

        @Override
        public Optional<Path> jarOf(String pluginId) {
            return Optional.ofNullable(loaded.get(pluginId));
        }

        @Override
        public PluginView load(String fileName) {
            calls.add("load " + fileName);
            String id = fileName.substring(0, fileName.indexOf('-'));
            loaded.put(id, pluginsDir.resolve(fileName));
            return new PluginView(id, "1", "RESOLVED", "", List.of(), List.of(), null);
        }

        @Override
        public void unload(String pluginId) {
            calls.add("unload " + pluginId);
            loaded.remove(pluginId);
        }
    }

    private final MemoryJars cluster = new MemoryJars();
    private final Host host = new Host();
    private final ClusterJarSync sync = new ClusterJarSync(host, cluster, MAX_JAR_BYTES, "node-b", CLOCK);

    private static byte[] jar(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** Another node shares {@code bytes} as the cluster's jar of {@code id}. */
    private JarManifest sharedByNodeA(String id, String version, String fileName, byte[] bytes) {
        JarManifest manifest = new JarManifest(id, version, fileName, JarChecksum.of(bytes), bytes.length, "node-a",
                CLOCK.instant());
        cluster.publish(manifest, bytes);
        return manifest;
    }

    private List<String> filesInPluginsDir() throws IOException {
        try (Stream<Path> files = Files.list(pluginsDir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aJarAnotherNodeSharedIsWrittenWholeAndLoadedOnce() throws IOException {
        sharedByNodeA("chat", "1.1.0", "chat-1.1.0.jar", jar("chat 1.1"));

        assertThat(sync.sync()).isTrue();
        assertThat(Files.readString(pluginsDir.resolve("chat-1.1.0.jar"))).isEqualTo("chat 1.1");
        assertThat(filesInPluginsDir()).as("no temporary file left").containsExactly("chat-1.1.0.jar");
        assertThat(host.calls).containsExactly("load chat-1.1.0.jar");
        assertThat(sync.checksum("chat")).contains(JarChecksum.of(jar("chat 1.1")));

        assertThat(sync.sync()).as("nothing new the second time").isFalse();
        assertThat(cluster.fetches).isEqualTo(1);
    }

    @Test
    void aNewVersionUnderAnotherNameReplacesTheOldJar() throws IOException {
        Files.writeString(pluginsDir.resolve("chat-1.0.0.jar"), "chat 1.0");
        host.loaded.put("chat", pluginsDir.resolve("chat-1.0.0.jar"));
        sharedByNodeA("chat", "1.1.0", "chat-1.1.0.jar", jar("chat 1.1"));

        sync.sync();

        assertThat(host.calls).containsExactly("unload chat", "load chat-1.1.0.jar");
        assertThat(filesInPluginsDir()).containsExactly("chat-1.1.0.jar");
    }

    @Test
    void theSameBytesAlreadyHereAreNotLoadedAgain() throws IOException {
        Files.writeString(pluginsDir.resolve("chat-1.0.0.jar"), "chat 1.0");
        host.loaded.put("chat", pluginsDir.resolve("chat-1.0.0.jar"));
        sharedByNodeA("chat", "1.0.0", "chat-1.0.0.jar", jar("chat 1.0"));

        assertThat(sync.sync()).isFalse();
        assertThat(host.calls).isEmpty();
        assertThat(cluster.fetches).isZero();
        assertThat(sync.checksum("chat")).contains(JarChecksum.of(jar("chat 1.0")));
    }

    @Test
    void aFileNameOutsideThePluginsDirectoryIsRefusedBeforeAnythingIsFetchedOrWritten() throws IOException {
        sharedByNodeA("evil", "1.0.0", "../evil-1.0.0.jar", jar("evil"));
        sharedByNodeA("script", "1.0.0", "script-1.0.0.sh", jar("#!/bin/sh"));

        assertThat(sync.sync()).isFalse();

        assertThat(cluster.fetches).isZero();
        assertThat(filesInPluginsDir()).isEmpty();
        assertThat(Files.exists(pluginsDir.resolveSibling("evil-1.0.0.jar"))).isFalse();
        assertThat(sync.failures().get("evil").reason()).contains("'../evil-1.0.0.jar' is not a jar file name");
        assertThat(sync.failures().get("script").reason()).contains("'script-1.0.0.sh' is not a jar file name");
    }

    @Test
    void bytesThatDoNotMatchTheChecksumAreRefusedAndNotTriedAgainUntilTheClusterSharesAnother() throws IOException {
        JarManifest manifest = sharedByNodeA("chat", "1.1.0", "chat-1.1.0.jar", jar("chat 1.1"));
        cluster.bytes.put(manifest.sha256(), jar("chat 1.1 with something added"));

        sync.sync();
        sync.sync();

        assertThat(cluster.fetches).as("the same manifest is not fetched again").isEqualTo(1);
        assertThat(filesInPluginsDir()).isEmpty();
        assertThat(host.calls).isEmpty();
        assertThat(sync.failures().get("chat").reason()).contains(manifest.sha256());

        sharedByNodeA("chat", "1.1.1", "chat-1.1.1.jar", jar("chat 1.1.1"));
        assertThat(sync.sync()).isTrue();
        assertThat(sync.failures()).isEmpty();
        assertThat(filesInPluginsDir()).containsExactly("chat-1.1.1.jar");
    }

    @Test
    void aJarLargerThanThisNodeTakesIsRefusedWithoutFetchingIt() {
        sharedByNodeA("big", "1.0.0", "big-1.0.0.jar", new byte[(int) MAX_JAR_BYTES + 1]);

        sync.sync();

        assertThat(cluster.fetches).isZero();
        assertThat(sync.failures().get("big").reason()).contains("1001 bytes", "medsync.plugins.max-jar-bytes (1000)");
    }

    @Test
    void aWithdrawnPluginIsUnloadedAndOnlyAJarThisNodeWroteIsDeleted() throws IOException {
        sharedByNodeA("chat", "1.1.0", "chat-1.1.0.jar", jar("chat 1.1"));
        Files.writeString(pluginsDir.resolve("orders-1.0.0.jar"), "orders");
        host.loaded.put("orders", pluginsDir.resolve("orders-1.0.0.jar"));
        sharedByNodeA("orders", "1.0.0", "orders-1.0.0.jar", jar("orders"));
        sync.sync();
        host.calls.clear();

        cluster.withdraw("chat");
        cluster.withdraw("orders");
        assertThat(sync.sync()).isTrue();

        assertThat(host.calls).containsExactlyInAnyOrder("unload chat", "unload orders");
        assertThat(filesInPluginsDir()).as("the operator's own jar stays").containsExactly("orders-1.0.0.jar");
    }
}
