package com.medsync.realtime.plugins.chat;

import com.medsync.realtime.testkit.PluginBoundaries;

import org.junit.jupiter.api.Test;

class ChatBoundariesTest {

    @Test
    void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
        PluginBoundaries.of("com.medsync.realtime.plugins.chat").check();
    }
}
