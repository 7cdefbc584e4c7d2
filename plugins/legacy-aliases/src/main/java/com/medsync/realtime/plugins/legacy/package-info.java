/**
 * The legacy-aliases plugin ({@code Plugin-Id: legacy-aliases}): while started, serves the legacy namespace
 * {@code /}, where every canonical event is followed by its legacy aliases, for the weeks of the migration.
 *
 * <p>The alias table is {@code medsync.plugin-config.legacy-aliases.aliases}; see
 * {@link com.medsync.realtime.plugins.legacy.AliasConfig}.
 */
package com.medsync.realtime.plugins.legacy;
