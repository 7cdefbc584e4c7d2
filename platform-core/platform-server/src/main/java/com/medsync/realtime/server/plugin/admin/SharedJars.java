package com.medsync.realtime.server.plugin.admin;

import java.util.Map;

/**
 * Where a cluster keeps the plugin jars loaded through the admin API, with their checksums, so that every node
 * runs the same jars without a shared filesystem. A single node shares with nobody ({@link #NONE}).
 * Every method may throw {@link com.medsync.realtime.spi.store.StoreUnavailableException}.
 */
public interface SharedJars {

    /** Makes {@code jar} the cluster's jar of {@code manifest.pluginId()}, replacing any other version. */
    void publish(JarManifest manifest, byte[] jar);

    /** Takes a plugin's jar out of the cluster: every node unloads it. Nothing happens when there is none. */
    void withdraw(String pluginId);

    /** @return the cluster's jars, by plugin id */
    Map<String, JarManifest> manifests();

    /**
     * @return the bytes stored for {@code manifest}, as they are: the caller checks them against the manifest
     * @throws IllegalStateException when none are stored
     */
    byte[] fetch(JarManifest manifest);

    SharedJars NONE = new SharedJars() {
        @Override
        public void publish(JarManifest manifest, byte[] jar) {
        }

        @Override
        public void withdraw(String pluginId) {
        }

        @Override
        public Map<String, JarManifest> manifests() {
            return Map.of();
        }

        @Override
        public byte[] fetch(JarManifest manifest) {
            throw new IllegalStateException("a single node shares no jars");
        }
    };
}
