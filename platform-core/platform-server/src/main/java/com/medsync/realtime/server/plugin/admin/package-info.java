/**
 * Plugin administration: the operations of the admin API (load, start, stop, unload, reload), the migration
 * phases and their application, the host's saved state, and the plugin set and jars shared with a cluster.
 */
package com.medsync.realtime.server.plugin.admin;
