package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.medsync.realtime.spi.plugin.MedsyncFeature;
import com.medsync.realtime.testkit.fixture.Greeting;
import com.medsync.realtime.testkit.fixture.GreetingTexts;
import com.medsync.realtime.testkit.fixture.HelloGreeting;
import com.medsync.realtime.testkit.fixture.PingFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;

class PluginJarTest {

    private static final String HELLO = HelloGreeting.class.getName().replace('.', '/');

    @TempDir
    Path plugins;

    private DefaultPluginManager manager;

    @AfterEach
    void unload() {
        if (manager != null) {
            // Closes the plugins' class loaders, and with them the jar files.
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    @Test
    void writesClassesNestedClassesIndexResourcesAndDescriptor() throws IOException {
        Path jar = PluginJar.builder("greeter")
                .version("1.2.3")
                .requires(">=1.0.0")
                .dependsOn("dispatch@>=1.0.0")
                .dependsOn("texts?@>=2.0.0")
                .description("Greets people")
                .provider("Example Labs")
                .namespaces("/greetings", "/")
                .add(GreetingTexts.class)
                .extension(HelloGreeting.class)
                .resource("greeter/config.json", "{\"loud\":true}".getBytes(StandardCharsets.UTF_8))
                .writeTo(plugins);

        assertThat(jar).isEqualTo(plugins.resolve("greeter-1.2.3.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(names(file)).contains(
                    "META-INF/MANIFEST.MF",
                    "META-INF/extensions.idx",
                    HELLO + ".class",
                    HELLO + "$Punctuation.class",
                    HELLO + "$1.class",
                    "com/medsync/realtime/testkit/fixture/GreetingTexts.class",
                    "com/medsync/realtime/testkit/fixture/",
                    "greeter/config.json");
            // The extension point is the host's, never the plugin's.
            assertThat(names(file)).noneMatch(name -> name.endsWith("/Greeting.class"));
            assertThat(read(file, HELLO + ".class")).isEqualTo(classPathBytes(HELLO + ".class"));
            assertThat(new String(read(file, "greeter/config.json"), StandardCharsets.UTF_8)).isEqualTo("{\"loud\":true}");
            assertThat(indexedClasses(file)).containsExactly(HelloGreeting.class.getName());

            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("greeter");
            assertThat(manifest.getValue("Plugin-Version")).isEqualTo("1.2.3");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0");
            assertThat(manifest.getValue("Plugin-Dependencies")).isEqualTo("dispatch@>=1.0.0, texts?@>=2.0.0");
            assertThat(manifest.getValue("Plugin-Description")).isEqualTo("Greets people");
            assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Example Labs");
            assertThat(manifest.getValue("Plugin-Namespaces")).isEqualTo("/greetings, /");
            assertThat(manifest.getValue("Plugin-Class")).isNull();
        }
    }

    @Test
    void pf4jLoadsThePluginAndItsExtensionFromTheJarNotFromTheClassPath() throws Exception {
        PluginJar.builder("greeter")
                .requires(">=1.0.0")
                .description("Greets people")
                .provider("Example Labs")
                .add(GreetingTexts.class)
                .extension(HelloGreeting.class)
                .writeTo(plugins);

        manager = startedPluginManager();

        assertThat(manager.getPlugin("greeter").getPluginState()).isEqualTo(PluginState.STARTED);
        PluginDescriptor descriptor = manager.getPlugin("greeter").getDescriptor();
        assertThat(descriptor.getVersion()).isEqualTo("1.0.0");
        assertThat(descriptor.getRequires()).isEqualTo(">=1.0.0");
        assertThat(descriptor.getProvider()).isEqualTo("Example Labs");
        assertThat(descriptor.getPluginDescription()).isEqualTo("Greets people");

        List<Greeting> greetings = manager.getExtensions(Greeting.class, "greeter");
        assertThat(greetings).hasSize(1);
        Greeting greeting = greetings.get(0);
        assertThat(greeting.greet("Ada")).isEqualTo("Hello, Ada!");

        // pf4j's class loader looks in the plugin first: the class path's copy of the same class is not used.
        ClassLoader pluginLoader = manager.getPluginClassLoader("greeter");
        assertThat(pluginLoader).isInstanceOf(PluginClassLoader.class);
        assertThat(greeting.getClass().getName()).isEqualTo(HelloGreeting.class.getName());
        assertThat(greeting.getClass()).isNotSameAs(HelloGreeting.class);
        assertThat(greeting.getClass().getClassLoader()).isSameAs(pluginLoader).isNotSameAs(getClass().getClassLoader());
        for (String name : List.of(HelloGreeting.class.getName() + "$Punctuation", HelloGreeting.class.getName() + "$1",
                GreetingTexts.class.getName())) {
            assertThat(Class.forName(name, false, pluginLoader).getClassLoader()).as(name).isSameAs(pluginLoader);
        }
        // The extension point itself comes from the test's class path, so plugin and host agree on the type.
        assertThat(Class.forName(Greeting.class.getName(), false, pluginLoader)).isSameAs(Greeting.class);
    }

    @Test
    void aPluginUsesClassesOfThePluginItDependsOn() throws Exception {
        PluginJar.builder("texts").version("2.1.0").add(GreetingTexts.class).writeTo(plugins);
        PluginJar.builder("greeter").dependsOn("texts@>=2.0.0").extension(HelloGreeting.class).writeTo(plugins);

        manager = startedPluginManager();

        Greeting greeting = manager.getExtensions(Greeting.class, "greeter").get(0);
        assertThat(greeting.greet("Grace")).isEqualTo("Hello, Grace!");
        Class<?> texts = Class.forName(GreetingTexts.class.getName(), false, greeting.getClass().getClassLoader());
        assertThat(texts.getClassLoader()).isSameAs(manager.getPluginClassLoader("texts"));
    }

    @Test
    void aMedsyncFeatureIsFoundThroughTheSpiType() {
        PluginJar.builder("ping").extension(PingFeature.class).writeTo(plugins);

        manager = startedPluginManager();

        List<MedsyncFeature> features = manager.getExtensions(MedsyncFeature.class, "ping");
        assertThat(features).singleElement()
                .satisfies(feature -> assertThat(feature.getClass().getClassLoader())
                        .isSameAs(manager.getPluginClassLoader("ping")));
    }

    @Test
    void withoutTheIndexPf4jStartsThePluginButFindsNoExtension() throws IOException {
        Path jar = PluginJar.builder("greeter").add(GreetingTexts.class).extension(HelloGreeting.class)
                .withoutExtensionIndex().writeTo(plugins);

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("META-INF/extensions.idx")).isNull();
            assertThat(file.getEntry(HELLO + ".class")).isNotNull();
        }
        manager = startedPluginManager();
        assertThat(manager.getPlugin("greeter").getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(manager.getExtensions(Greeting.class, "greeter")).isEmpty();
    }

    @Test
    void anIndexOfTheTestsOwnReplacesTheGeneratedOne() {
        PluginJar.builder("greeter")
                .add(GreetingTexts.class, HelloGreeting.class)
                .withoutExtensionIndex()
                .resource("/META-INF/extensions.idx", (HelloGreeting.class.getName() + "\n").getBytes(StandardCharsets.UTF_8))
                .writeTo(plugins);

        manager = startedPluginManager();

        assertThat(manager.getExtensions(Greeting.class, "greeter")).hasSize(1);
    }

    @Test
    void attributesAddToAndOverrideTheDescriptor() throws IOException {
        Path jar = PluginJar.builder("broken")
                .attribute("Plugin-License", "Apache-2.0")
                .attribute("Plugin-Version", null)
                .writeTo(plugins);

        assertThat(jar.getFileName()).hasToString("broken-1.0.0.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-License")).isEqualTo("Apache-2.0");
            assertThat(manifest.getValue("Plugin-Version")).isNull();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("broken");
        }
    }

    @Test
    void writingAgainReplacesTheJarAndLeavesNothingElseBehind() throws IOException {
        PluginJar.builder("greeter").extension(HelloGreeting.class).writeTo(plugins);
        Path jar = PluginJar.builder("greeter").add(GreetingTexts.class).extension(HelloGreeting.class).writeTo(plugins);

        try (Stream<Path> files = Files.list(plugins); JarFile file = new JarFile(jar.toFile())) {
            assertThat(files).containsExactly(jar);
            assertThat(file.getEntry("com/medsync/realtime/testkit/fixture/GreetingTexts.class")).isNotNull();
        }
    }

    @Test
    void writesIntoADirectoryThatDoesNotExistYet() {
        Path jar = PluginJar.builder("greeter").extension(HelloGreeting.class).writeTo(plugins.resolve("a/b"));

        assertThat(jar).isRegularFile().hasParent(plugins.resolve("a/b"));
    }

    @Test
    void refusesWhatCannotGoIntoAPluginJar() {
        assertThatThrownBy(() -> PluginJar.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PluginJar.builder("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PluginJar.builder("x").add(String.class).writeTo(plugins))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String is a JDK class");
        assertThatThrownBy(() -> PluginJar.builder("x").add(int.class).writeTo(plugins))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no class file");
        assertThatThrownBy(() -> PluginJar.builder("x").resource("META-INF/MANIFEST.MF", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribute()");
        assertThatThrownBy(() -> PluginJar.builder("x").resource("a.txt", new byte[0]).resource("/a.txt", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added twice");
        assertThatThrownBy(() -> PluginJar.builder("x").resource("META-INF/extensions.idx", new byte[0]).writeTo(plugins))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withoutExtensionIndex()");
        assertThatThrownBy(() -> PluginJar.builder("x").add(HelloGreeting.class)
                .resource(HELLO + ".class", new byte[0]).writeTo(plugins))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collides");
    }

    private DefaultPluginManager startedPluginManager() {
        DefaultPluginManager pluginManager = new DefaultPluginManager(plugins);
        pluginManager.setSystemVersion("1.0.0");
        manager = pluginManager;
        pluginManager.loadPlugins();
        pluginManager.startPlugins();
        assertThat(pluginManager.getPlugins()).allSatisfy(plugin -> assertThat(plugin.getPluginState())
                .as(plugin.getPluginId() + " " + plugin.getFailedException()).isEqualTo(PluginState.STARTED));
        return pluginManager;
    }

    private static List<String> names(JarFile file) {
        return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
    }

    private static byte[] read(JarFile file, String entry) throws IOException {
        try (InputStream in = file.getInputStream(file.getEntry(entry))) {
            return in.readAllBytes();
        }
    }

    private static List<String> indexedClasses(JarFile file) throws IOException {
        return new String(read(file, "META-INF/extensions.idx"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private byte[] classPathBytes(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
