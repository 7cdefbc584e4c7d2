package com.medsync.realtime.it.plugin;

import com.medsync.realtime.it.plugins.BrokenStartFeature;
import com.medsync.realtime.it.plugins.EchoFeature;
import com.medsync.realtime.it.plugins.GreeterFeature;
import com.medsync.realtime.it.plugins.LegacyNamespaceFeature;
import com.medsync.realtime.it.plugins.StopOrder;
import com.medsync.realtime.it.plugins.TickerFeature;
import com.medsync.realtime.testkit.PluginJar;

import java.nio.file.Path;

/** The test plugins of {@code it.plugins}, packaged as pf4j jars the way plugin builds package them. */
final class TestPlugins {

    private TestPlugins() {
    }

    static Path echo(Path dir) {
        return PluginJar.builder("echo").version("1.0.0").requires(">=1.0.0").description("echoes client events")
                .add(EchoFeature.class, StopOrder.class).extension(EchoFeature.class).writeTo(dir);
    }

    static Path greeter(Path dir) {
        return PluginJar.builder("greeter").version("1.0.0").requires(">=1.0.0").dependsOn("echo@>=1.0.0")
                .add(GreeterFeature.class, StopOrder.class).extension(GreeterFeature.class).writeTo(dir);
    }

    static Path brokenStart(Path dir) {
        return PluginJar.builder("broken-start").version("1.0.0").add(BrokenStartFeature.class)
                .extension(BrokenStartFeature.class).writeTo(dir);
    }

    static Path missingDependency(Path dir) {
        return PluginJar.builder("orphan").version("1.0.0").dependsOn("no-such-plugin")
                .add(GreeterFeature.class, StopOrder.class).extension(GreeterFeature.class).writeTo(dir);
    }

    static Path wrongDependencyVersion(Path dir) {
        return PluginJar.builder("picky").version("1.0.0").dependsOn("echo@>=2.0.0")
                .add(GreeterFeature.class, StopOrder.class).extension(GreeterFeature.class).writeTo(dir);
    }

    static Path tooNew(Path dir) {
        return PluginJar.builder("from-the-future").version("1.0.0").requires(">=9.0.0")
                .add(GreeterFeature.class, StopOrder.class).extension(GreeterFeature.class).writeTo(dir);
    }

    static Path ticker(Path dir) {
        return PluginJar.builder("ticker").version("1.0.0").add(TickerFeature.class).extension(TickerFeature.class)
                .writeTo(dir);
    }

    static Path legacy(Path dir) {
        return PluginJar.builder("legacy-test").version("1.0.0").add(LegacyNamespaceFeature.class)
                .extension(LegacyNamespaceFeature.class).writeTo(dir);
    }

    static Path withoutIndex(Path dir) {
        return PluginJar.builder("no-index").version("1.0.0").add(GreeterFeature.class, StopOrder.class)
                .withoutExtensionIndex()
                .writeTo(dir);
    }
}
