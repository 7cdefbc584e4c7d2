package com.medsync.realtime.plugins.legacy;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class LegacyAliasesBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.medsync.realtime.plugins.legacy").check();
    }
}
