/**
 * pf4j hosting: reading plugin jars' descriptors with MedSync's own manifest entries
 * ({@link com.medsync.realtime.server.plugin.host.MedsyncDescriptorFinder}), finding and checking plugin jars
 * ({@link com.medsync.realtime.server.plugin.host.PluginCandidates}),
 * class loading that shares only the SPI, pf4j, Jackson and SLF4J with plugins
 * ({@link com.medsync.realtime.server.plugin.host.SharedApiClassLoader}), and loading, starting, stopping and
 * unloading under one lock ({@link com.medsync.realtime.server.plugin.host.PluginHost}), pf4j not being thread safe.
 */
package com.medsync.realtime.server.plugin.host;
