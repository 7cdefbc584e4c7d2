package com.medsync.realtime.testkit.boundaries.tidy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.testkit.boundaries.shared.SharedGreeting;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plugin within its boundaries: the platform's API, the JDK (javax too), and an api package it declares. */
@Extension
public final class TidyFeature implements MedsyncFeature {

    private static final Logger LOG = LoggerFactory.getLogger(TidyFeature.class);

    @Override
    public void start(FeatureContext context) {
        byte[] greeting = new ObjectMapper().createObjectNode()
                .put("text", new SharedGreeting("hello").text()).toString().getBytes();
        try {
            LOG.info("signed {} bytes with {}", greeting.length, Mac.getInstance(TidyAlgorithm.NAME).getAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
