package com.medsync.realtime.it.plugins;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

/** Test plugin "greeter", which depends on "echo": answers {@code greet} with an ack. */
@Extension
public final class GreeterFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        context.handleClientEvent("greet", event -> event.ack().ok());
    }

    @Override
    public void stop() {
        StopOrder.record("greeter");
    }
}
