package com.medsync.realtime.plugins.kwik;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class KwikBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.medsync.realtime.plugins.kwik")
                .mayUse("com.medsync.realtime.plugins.dispatch.api")
                .check();
    }
}
