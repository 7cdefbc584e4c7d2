package com.example.acme;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

/**
 * Fails the build when the provider uses more than the platform SPI and the dispatch API,
 * or exposes more than its extension.
 */
class AcmeBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.example.acme")
                .mayUse("com.medsync.realtime.plugins.dispatch.api")
                .check();
    }
}
