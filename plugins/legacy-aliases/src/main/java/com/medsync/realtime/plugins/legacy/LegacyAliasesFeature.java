package com.medsync.realtime.plugins.legacy;

import com.medsync.realtime.spi.plugin.FeatureContext;
import com.medsync.realtime.spi.plugin.MedsyncFeature;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Serves the legacy namespace {@code /} while the plugin is started. Authentication, rooms and client events
 * there are the platform's, as on the canonical namespace; this feature only says what each canonical event
 * becomes on {@code /}: itself, then its aliases. Stopping the plugin takes {@code /} away and disconnects its
 * clients (the platform does that), which is week 3 of the migration.
 */
@Extension
public final class LegacyAliasesFeature implements MedsyncFeature {

    static final String NAMESPACE = "/";

    private static final Logger log = LoggerFactory.getLogger(LegacyAliasesFeature.class);

    @Override
    public void start(FeatureContext context) {
        // A bad table throws here, before / is served: the host marks the plugin FAILED with the message.
        List<AliasRule> rules = AliasConfig.read(context.config());
        context.serveNamespace(NAMESPACE, new AliasTranslator(rules));
        log.info("Serving the legacy namespace {} with {} alias rules", NAMESPACE, rules.size());
    }
}
