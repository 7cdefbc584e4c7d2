package com.medsync.realtime.plugins.orders;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class OrdersBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.medsync.realtime.plugins.orders").check();
    }
}
