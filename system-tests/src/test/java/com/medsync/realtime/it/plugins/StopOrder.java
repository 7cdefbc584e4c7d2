package com.medsync.realtime.it.plugins;

/**
 * Test plugins append their id to a system property when they stop, so a test can check the stop order.
 * Each plugin jar carries its own copy of this class.
 */
public final class StopOrder {

    public static final String PROPERTY = "medsync.it.stop.order";

    private StopOrder() {
    }

    static void record(String pluginId) {
        synchronized (System.getProperties()) {
            String before = System.getProperty(PROPERTY, "");
            System.setProperty(PROPERTY, before.isEmpty() ? pluginId : before + "," + pluginId);
        }
    }
}
