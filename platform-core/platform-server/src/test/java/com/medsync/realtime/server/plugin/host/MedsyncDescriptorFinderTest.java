package com.medsync.realtime.server.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultVersionManager;

/**
 * {@code Plugin-Namespaces} as the host reads it from a plugin's MANIFEST. A malformed entry refuses the plugin,
 * named by its id with the reason (it shows FAILED in the admin API), as a malformed {@code Plugin-Requires} does:
 * the plan must not silently say less than the plugin serves.
 */
class MedsyncDescriptorFinderTest {

    @TempDir
    Path dir;

    private static MedsyncPluginDescriptor described(String namespaces) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "sample");
        attributes.putValue("Plugin-Version", "1.0.0");
        if (namespaces != null) {
            attributes.putValue(MedsyncPluginDescriptor.PLUGIN_NAMESPACES, namespaces);
        }
        return (MedsyncPluginDescriptor) new MedsyncDescriptorFinder().createPluginDescriptor(manifest);
    }

    @Test
    void noEntryOrABlankOneDeclaresNone() {
        for (String entry : new String[] {null, "", "   ", " , ,"}) {
            MedsyncPluginDescriptor descriptor = described(entry);
            assertThat(descriptor.namespaces()).as("'%s'", entry).isEmpty();
            assertThat(descriptor.namespacesProblem()).as("'%s'", entry).isEmpty();
        }
    }

    @Test
    void namespacesAreTrimmedAndKeptInOrderWithoutRepeats() {
        MedsyncPluginDescriptor descriptor = described("  /pharmacy ,/ ,/pharmacy,  /rider-app/v2,");

        assertThat(descriptor.namespaces()).containsExactly("/pharmacy", "/", "/rider-app/v2");
        assertThat(descriptor.namespacesProblem()).isEmpty();
        assertThat(descriptor.getPluginId()).as("pf4j's fields are still read").isEqualTo("sample");
    }

    @Test
    void aNamespaceWithoutItsSlashOrWithASpaceIsAProblemNamingIt() {
        MedsyncPluginDescriptor descriptor = described("/ok, pharmacy, /two words");

        assertThat(descriptor.namespaces()).isEmpty();
        assertThat(descriptor.namespacesProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("Plugin-Namespaces", "'pharmacy' does not start with '/'",
                        "'/two words' contains a space, a comma or a control character"));
    }

    @Test
    void aJarWithAMalformedEntryIsRefusedByItsIdAndOthersStillLoad() throws IOException {
        Path bad = jar("bad.jar", Map.of("Plugin-Id", "bad-namespaces", "Plugin-Namespaces", "legacy"));
        Path good = jar("good.jar", Map.of("Plugin-Id", "legacy", "Plugin-Namespaces", "/"));

        PluginCandidates.Verdict verdict = new PluginCandidates("1.0.0", new DefaultVersionManager())
                .check(List.of(bad, good), Map.of());

        assertThat(verdict.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.id()).isEqualTo("bad-namespaces");
            assertThat(refused.reason()).contains("Plugin-Namespaces 'legacy'", "'legacy' does not start with '/'");
        });
        assertThat(verdict.loadable()).singleElement().satisfies(loadable ->
                assertThat(MedsyncPluginDescriptor.declaredBy(loadable.descriptor())).containsExactly("/"));
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        entries.forEach(manifest.getMainAttributes()::putValue);
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
