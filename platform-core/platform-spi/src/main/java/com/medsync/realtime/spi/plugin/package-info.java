/**
 * Plugins: the {@link com.medsync.realtime.spi.plugin.MedsyncFeature} extension point and the
 * {@link com.medsync.realtime.spi.plugin.FeatureContext} through which a feature plugs into the platform.
 */
package com.medsync.realtime.spi.plugin;
