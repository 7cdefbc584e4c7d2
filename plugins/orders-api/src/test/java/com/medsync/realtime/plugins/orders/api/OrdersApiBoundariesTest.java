package com.medsync.realtime.plugins.orders.api;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class OrdersApiBoundariesTest {

    @Test
    void usesOnlyThePlatformApi() {
        PluginBoundaries.of("com.medsync.realtime.plugins.orders.api").checkImports();
    }
}
