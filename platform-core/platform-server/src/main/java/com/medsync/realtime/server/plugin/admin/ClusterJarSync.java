package com.medsync.realtime.server.plugin.admin;

import com.medsync.realtime.server.plugin.host.PluginOperationException;
import com.medsync.realtime.server.plugin.host.PluginView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps this node's plugin jars the cluster's: a jar loaded through this node's admin API is published with
 * its checksum; a jar another node published is fetched, checked against its checksum before anything is
 * written, moved into the plugins directory whole (a temporary file renamed) and loaded in place of the
 * version this node had. A jar this node cannot take stays out and is reported FAILED with why, until the
 * cluster publishes another.
 *
 * <p>Not thread safe: {@link PluginAdministration} calls it under its own lock, and the host serialises the
 * pf4j calls.
 */
final class ClusterJarSync {

    private static final Logger log = LoggerFactory.getLogger(ClusterJarSync.class);

    /** Why this node does not run the cluster's jar of a plugin. */
    record JarFailure(JarManifest manifest, String reason) {
    }

    private final NodeJars localJars;
    private final SharedJars shared;
    private final long maxJarBytes;
    private final String node;
    private final Clock clock;
    /** The checksum of each cluster jar this node runs, by plugin id. */
    private final Map<String, String> installed = new ConcurrentHashMap<>();
    private final Map<String, JarFailure> failures = new ConcurrentHashMap<>();
    /** The plugins whose jar this node wrote from the cluster's: the only jars it deletes when they go. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    ClusterJarSync(NodeJars localJars, SharedJars shared, long maxJarBytes, String node, Clock clock) {
        this.localJars = localJars;
        this.shared = shared;
        this.maxJarBytes = maxJarBytes;
        this.node = node;
        this.clock = clock;
    }

    boolean isShared() {
        return shared != SharedJars.NONE;
    }

    /** Refuses, before it is loaded, a jar too big to share with the cluster. */
    void checkShareable(String fileName) {
        if (!isShared()) {
            return;
        }
        Path jar = localJars.pluginsDir().resolve(fileName).normalize();
        try {
            if (jar.startsWith(localJars.pluginsDir()) && Files.isRegularFile(jar) && Files.size(jar) > maxJarBytes) {
                throw PluginOperationException.conflict("'" + fileName + "' is " + Files.size(jar)
                        + " bytes, more than medsync.plugins.max-jar-bytes (" + maxJarBytes
                        + ") allows to share with the cluster");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** Publishes the jar {@code plugin} was just loaded from, so that every node loads it too. */
    void share(PluginView plugin) {
        if (!isShared() || "FAILED".equals(plugin.state())) {
            return;
        }
        Path jar = localJars.jarOf(plugin.id()).orElseThrow(() -> new IllegalStateException(
                "plugin '" + plugin.id() + "' was just loaded but the host knows no jar of it"));
        byte[] bytes = read(jar);
        String sha256 = JarChecksum.of(bytes);
        JarManifest manifest = new JarManifest(plugin.id(), plugin.version(), jar.getFileName().toString(), sha256,
                bytes.length, node, clock.instant());
        shared.publish(manifest, bytes);
        installed.put(plugin.id(), sha256);
        failures.remove(plugin.id());
        log.info("Shared plugin {} {} ({}, sha256 {}) with the cluster", plugin.id(), plugin.version(),
                manifest.fileName(), sha256);
    }

    /** Takes an unloaded plugin's jar out of the cluster, so that every node unloads it. */
    void withdraw(String pluginId) {
        if (!isShared()) {
            return;
        }
        shared.withdraw(pluginId);
        installed.remove(pluginId);
        failures.remove(pluginId);
    }

    /**
     * Brings this node's jars to the cluster's: fetches what is new, unloads what was withdrawn.
     *
     * @return whether this node's plugins changed, so that the cluster's plugin set must be applied again
     */
    boolean sync() {
        if (!isShared()) {
            return false;
        }
        Map<String, JarManifest> manifests = shared.manifests();
        boolean changed = false;
        for (JarManifest manifest : manifests.values()) {
            JarFailure failure = failures.get(manifest.pluginId());
            boolean triedAlready = failure != null && failure.manifest().equals(manifest);
            if (!manifest.sha256().equals(installed.get(manifest.pluginId())) && !triedAlready) {
                changed |= install(manifest);
            }
        }
        for (String id : List.copyOf(installed.keySet())) {
            if (!manifests.containsKey(id)) {
                uninstall(id);
                changed = true;
            }
        }
        failures.keySet().retainAll(manifests.keySet());
        return changed;
    }

    /** @return the checksum of the cluster jar this node runs for {@code pluginId}, if it runs one */
    Optional<String> checksum(String pluginId) {
        return Optional.ofNullable(installed.get(pluginId));
    }

    /** @return the cluster jars this node could not take, by plugin id */
    Map<String, JarFailure> failures() {
        return Map.copyOf(failures);
    }

    /** @return whether the host changed */
    private boolean install(JarManifest manifest) {
        String id = manifest.pluginId();
        Optional<Path> current = localJars.jarOf(id);
        if (current.isPresent() && Files.isRegularFile(current.get())
                && JarChecksum.of(current.get()).equals(manifest.sha256())) {
            // This node has these bytes already: it published them, or fetched them before a restart.
            installed.put(id, manifest.sha256());
            failures.remove(id);
            return false;
        }
        if (manifest.size() > maxJarBytes) {
            return fail(manifest, "the jar is " + manifest.size() + " bytes, more than medsync.plugins.max-jar-bytes ("
                    + maxJarBytes + ")");
        }
        Path target = localJars.pluginsDir().resolve(manifest.fileName()).normalize();
        if (!target.getParent().equals(localJars.pluginsDir()) || !manifest.fileName().endsWith(".jar")) {
            return fail(manifest, "'" + manifest.fileName() + "' is not a jar file name of the plugins directory");
        }
        byte[] bytes;
        try {
            bytes = shared.fetch(manifest);
        } catch (IllegalStateException e) {
            return fail(manifest, e.getMessage());
        }
        Optional<String> mismatch = JarChecksum.mismatch(manifest.sha256(), bytes);
        if (mismatch.isPresent()) {
            return fail(manifest, mismatch.get());
        }
        try {
            if (current.isPresent()) {
                localJars.unload(id);
                if (!current.get().equals(target)) {
                    Files.deleteIfExists(current.get());
                }
            }
            writeWhole(target, bytes);
            written.add(id);
            PluginView loaded = localJars.load(manifest.fileName());
            installed.put(id, manifest.sha256());
            if ("FAILED".equals(loaded.state())) {
                fail(manifest, loaded.failure());
            } else {
                failures.remove(id);
                log.info("Loaded the cluster's plugin {} {} ({}, sha256 {}, from node {})", id, manifest.version(),
                        manifest.fileName(), manifest.sha256(), manifest.loadedBy());
            }
        } catch (PluginOperationException | IOException | UncheckedIOException e) {
            fail(manifest, "cannot replace this node's jar: " + e.getMessage());
        }
        return true;
    }

    /** Unloads a plugin the cluster unloaded; its jar goes too when this node wrote it from the cluster's. */
    private void uninstall(String id) {
        installed.remove(id);
        try {
            Optional<Path> jar = localJars.jarOf(id);
            localJars.unload(id);
            if (jar.isPresent() && written.remove(id)) {
                Files.deleteIfExists(jar.get());
            }
            log.info("Unloaded plugin {}: the cluster unloaded it", id);
        } catch (PluginOperationException | IOException e) {
            log.error("Plugin {} was unloaded by the cluster but stays on this node: {}", id, e.getMessage());
        }
    }

    private boolean fail(JarManifest manifest, String reason) {
        log.error("Cannot take the cluster's plugin {} {} ({} from node {}): {}", manifest.pluginId(),
                manifest.version(), manifest.fileName(), manifest.loadedBy(), reason);
        failures.put(manifest.pluginId(), new JarFailure(manifest, reason));
        return false;
    }

    /** Written whole under a name the host ignores, then renamed, so no node ever loads half a jar. */
    private static void writeWhole(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] read(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
