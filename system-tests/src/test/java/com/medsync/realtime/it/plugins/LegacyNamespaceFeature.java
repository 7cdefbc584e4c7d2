package com.medsync.realtime.it.plugins;

import com.medsync.realtime.spi.event.EventTranslator.Emission;
import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;

import org.pf4j.Extension;

import java.util.List;

/** Test plugin "legacy-test": serves "/" while it runs, sending each event and then "<event>:alias". */
@Extension
public final class LegacyNamespaceFeature implements MedsyncFeature {

    @Override
    public void start(FeatureContext context) {
        context.serveNamespace("/", (event, data) -> List.of(new Emission(event, data),
                new Emission(event + ":alias", data)));
    }
}
