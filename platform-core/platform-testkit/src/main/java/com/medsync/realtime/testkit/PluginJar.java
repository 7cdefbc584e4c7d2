package com.medsync.realtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a pf4j jar plugin at test time from classes compiled on the test's class path, so a plugin can be
 * tested as the host will see it: its own jar, its own class loader, its manifest descriptor and its
 * {@code META-INF/extensions.idx}.
 *
 * <pre>{@code
 * Path jar = PluginJar.builder("greeter")
 *         .version("1.0.0")
 *         .requires(">=1.0.0")
 *         .dependsOn("dispatch@>=1.0.0")
 *         .namespaces("/greetings")
 *         .add(GreetingFeature.class, GreetingTexts.class)
 *         .extension(GreetingFeature.class)
 *         .writeTo(pluginsDir);          // pluginsDir/greeter-1.0.0.jar
 * }</pre>
 *
 * <p><b>What goes in.</b> Each added class with every class nested in it (member, local and anonymous
 * classes, found through the class's nest, so compile for Java 11 or later), copied byte for byte from the
 * class path. Nothing else: under the MedSync host a plugin sees only the SPI, Jackson, SLF4J and pf4j from
 * the host, so every other class the plugin uses must be added. Add top-level classes: the enclosing class
 * of an added nested class is not included, and reflection that needs it ({@code getSimpleName()},
 * {@code getEnclosingClass()}) fails on the plugin's copy.
 *
 * <p>{@link Builder#writeTo(Path)} may be called more than once, for instance into several plugin directories.
 */
public final class PluginJar {

    private PluginJar() {
    }

    /** @param id the {@code Plugin-Id}; also the start of the jar's file name */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The settings and contents of one plugin jar; see {@link PluginJar}. Not thread safe. */
    public static final class Builder {

        private final String id;
        private String version = "1.0.0";
        private String requires;
        private final List<String> dependencies = new ArrayList<>();
        private String description;
        private String provider;
        private final List<String> namespaces = new ArrayList<>();
        private final Map<String, String> extraAttributes = new LinkedHashMap<>();
        private final Set<Class<?>> classes = new LinkedHashSet<>();
        private final Set<Class<?>> extensions = new LinkedHashSet<>();
        private boolean extensionIndex = true;
        private final Map<String, byte[]> resources = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = requireText(id, "plugin id");
            if (id.contains("/") || id.contains("\\")) {
                throw new IllegalArgumentException("plugin id '" + id + "' would not make a file name");
            }
        }

        /** The {@code Plugin-Version}; {@code 1.0.0} unless set. */
        public Builder version(String version) {
            this.version = requireText(version, "plugin version");
            return this;
        }

        /** The {@code Plugin-Requires} constraint on the platform version, such as {@code >=1.0.0}; none unless set. */
        public Builder requires(String requires) {
            this.requires = requireText(requires, "requires");
            return this;
        }

        /**
         * Adds to {@code Plugin-Dependencies}, in pf4j's form {@code id@constraint}; an id ending in {@code ?} is an
         * optional dependency.
         */
        public Builder dependsOn(String... dependencies) {
            for (String dependency : dependencies) {
                this.dependencies.add(requireText(dependency, "dependency"));
            }
            return this;
        }

        /** The {@code Plugin-Description}. */
        public Builder description(String description) {
            this.description = requireText(description, "description");
            return this;
        }

        /** The {@code Plugin-Provider}. */
        public Builder provider(String provider) {
            this.provider = requireText(provider, "provider");
            return this;
        }

        /**
         * Adds to {@code Plugin-Namespaces}, the Socket.IO namespaces the plugin's features serve with
         * {@code serveNamespace} (such as {@code /}): a phase's plan names them before the plugin ever ran, and the
         * host warns about a namespace served but not declared.
         */
        public Builder namespaces(String... namespaces) {
            for (String namespace : namespaces) {
                this.namespaces.add(requireText(namespace, "namespace"));
            }
            return this;
        }

        /**
         * Sets any other main manifest attribute ({@code Plugin-Class}, {@code Plugin-License}), or overrides one
         * this builder writes; a {@code null} value leaves the attribute out, to build a broken descriptor.
         */
        public Builder attribute(String name, String value) {
            extraAttributes.put(requireText(name, "attribute name"), value);
            return this;
        }

        /** Copies these classes, and the classes nested in them, into the jar. */
        public Builder add(Class<?>... classes) {
            for (Class<?> cls : classes) {
                this.classes.add(Objects.requireNonNull(cls, "class"));
            }
            return this;
        }

        /**
         * Lists these classes in {@code META-INF/extensions.idx}, as pf4j's annotation processor does for
         * {@code @Extension} classes, and adds them to the jar.
         */
        public Builder extension(Class<?>... extensionClasses) {
            add(extensionClasses);
            for (Class<?> cls : extensionClasses) {
                extensions.add(cls);
            }
            return this;
        }

        /**
         * Writes no {@code META-INF/extensions.idx}: the jar of a plugin compiled without pf4j's annotation
         * processor, whose extensions the MedSync host therefore never finds. (A bare pf4j
         * {@code DefaultPluginManager} would still read the index of the test's own class path through the
         * plugin's class loader, which falls back to the application.)
         */
        public Builder withoutExtensionIndex() {
            this.extensionIndex = false;
            return this;
        }

        /**
         * Adds a file to the jar.
         *
         * @param path a path inside the jar such as {@code config/defaults.json}; not the manifest
         */
        public Builder resource(String path, byte[] content) {
            String entry = requireText(path, "resource path").replace('\\', '/');
            while (entry.startsWith("/")) {
                entry = entry.substring(1);
            }
            if (entry.isEmpty() || entry.endsWith("/")) {
                throw new IllegalArgumentException("resource path '" + path + "' names no file");
            }
            if (entry.equalsIgnoreCase(JarContents.MANIFEST)) {
                throw new IllegalArgumentException(
                        "the manifest is written from the builder's settings; use attribute()");
            }
            if (resources.putIfAbsent(entry, Objects.requireNonNull(content, "content").clone()) != null) {
                throw new IllegalArgumentException("resource '" + entry + "' added twice");
            }
            return this;
        }

        /**
         * Writes {@code <id>-<version>.jar} into {@code directory} (created when missing), replacing a jar of that
         * name. The file appears complete or not at all, so a host watching the directory never reads half a jar.
         *
         * @return the jar's path
         * @throws IllegalArgumentException when an added class has no class file on the class path
         * @throws UncheckedIOException     when the jar cannot be written
         */
        public Path writeTo(Path directory) {
            if (extensionIndex && resources.containsKey(JarContents.EXTENSION_INDEX)) {
                throw new IllegalArgumentException(JarContents.EXTENSION_INDEX + " is written from extension(); "
                        + "call withoutExtensionIndex() to supply your own");
            }
            JarContents contents = new JarContents(manifestAttributes());
            for (Class<?> cls : classes) {
                contents.addClassWithNested(cls);
            }
            if (extensionIndex) {
                contents.addExtensionIndex(extensions.stream().map(Class::getName).toList());
            }
            resources.forEach(contents::addResource);
            try {
                return contents.writeTo(directory, id + "-" + version + ".jar");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + id + "-" + version + ".jar to " + directory, e);
            }
        }

        private Map<String, String> manifestAttributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Plugin-Id", id);
            attributes.put("Plugin-Version", version);
            attributes.put("Plugin-Requires", requires);
            attributes.put("Plugin-Dependencies", dependencies.isEmpty() ? null : String.join(", ", dependencies));
            attributes.put("Plugin-Description", description);
            attributes.put("Plugin-Provider", provider);
            attributes.put("Plugin-Namespaces", namespaces.isEmpty() ? null : String.join(", ", namespaces));
            attributes.putAll(extraAttributes);
            return attributes;
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
