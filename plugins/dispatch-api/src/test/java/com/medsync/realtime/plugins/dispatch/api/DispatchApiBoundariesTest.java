package com.medsync.realtime.plugins.dispatch.api;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class DispatchApiBoundariesTest {

    @Test
    void usesOnlyThePlatformApi() {
        PluginBoundaries.of("com.medsync.realtime.plugins.dispatch.api").checkImports();
    }
}
