package com.medsync.realtime.server.plugin.admin;

import java.time.Instant;

/**
 * What the cluster knows of a plugin jar loaded through the admin API of one of its nodes, so that every
 * other node can fetch the same bytes and check them before loading them.
 *
 * @param pluginId {@code Plugin-Id}
 * @param version  {@code Plugin-Version}
 * @param fileName the jar's name in the plugins directory, which every node uses too
 * @param sha256   the SHA-256 of the jar, lowercase hex
 * @param size     the jar's length in bytes
 * @param loadedBy the node whose admin API loaded it
 * @param loadedAt when; a jar loaded again (the same bytes) gets a new time, so nodes that failed retry
 */
public record JarManifest(String pluginId, String version, String fileName, String sha256, long size,
        String loadedBy, Instant loadedAt) {
}
