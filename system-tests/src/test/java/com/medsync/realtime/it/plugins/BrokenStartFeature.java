package com.medsync.realtime.it.plugins;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

/** Test plugin "broken-start": registers a handler, then fails; the handler must not survive. */
@Extension
public final class BrokenStartFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        context.handleClientEvent("half-started", event -> event.ack().ok());
        throw new IllegalStateException("configuration is missing the frobnicator");
    }
}
