package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class DispatchBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.medsync.realtime.plugins.dispatch")
                .mayUse("com.medsync.realtime.plugins.orders.api")
                .check();
    }
}
