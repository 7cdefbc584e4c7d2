/**
 * The feature runtime: what a started plugin's features get from the platform (handlers, room policies, event
 * translators, scheduled tasks, webhooks, a scoped store, metrics), each registration recorded so that stopping
 * the plugin takes all of it back, and every call into plugin code guarded.
 */
package com.medsync.realtime.server.plugin.feature;
