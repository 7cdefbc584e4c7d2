/**
 * The Kwik delivery provider ({@code kwik}): verified status webhooks and status polling against Kwik's
 * API, mapped to the canonical dispatch statuses. See {@link com.medsync.realtime.plugins.kwik.KwikStatus} for
 * the mapping and the plugin's README for its configuration.
 */
package com.medsync.realtime.plugins.kwik;
