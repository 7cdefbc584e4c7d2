package com.medsync.realtime.testkit.boundaries.leaky;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.testkit.TestTokens;

/** A plugin past both boundaries: it uses MedSync code outside the SPI, and is public without being an extension. */
public final class LeakyFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        new TestTokens("a-secret-of-at-least-thirty-two-bytes").patient("patient_1");
    }
}
