package com.medsync.realtime.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * The boundaries of a plugin's code, checked with ArchUnit on its compiled main classes (not its tests): a
 * plugin uses the platform's API and nothing else of MedSync, and keeps what is not API package-private.
 *
 * <pre>{@code
 * class AcmeBoundariesTest {
 *
 *     @Test
 *     void usesOnlyThePlatformApiAndExposesOnlyItsExtensions() {
 *         PluginBoundaries.of("com.example.acme")
 *                 .mayUse("com.medsync.realtime.plugins.dispatch.api")
 *                 .check();
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Imports.</b> The plugin's classes use only its own package, the SPI, pf4j, Jackson, SLF4J (what the
 *       host shares with every plugin), the JDK, and the packages declared with {@link #mayUse}: the api
 *       packages of the plugins it depends on, or a library it bundles.</li>
 *   <li><b>Visibility.</b> Its public top-level classes are pf4j extensions, which pf4j 3.14's
 *       {@code DefaultExtensionFactory} can only instantiate when public; every other class is package-private.
 *       Its own api package ({@code <package>.api}) is public by design and exempt.</li>
 * </ul>
 */
public final class PluginBoundaries {

    /** What the host's plugin class loader takes from the host for every plugin, besides the JDK. */
    private static final List<String> PLATFORM_PACKAGES = List.of(
            "com.medsync.realtime.spi..", "org.pf4j..", "com.fasterxml.jackson..", "org.slf4j..");

    private final String basePackage;
    private final List<String> declaredPackages;

    private PluginBoundaries(String basePackage, List<String> declaredPackages) {
        this.basePackage = basePackage;
        this.declaredPackages = List.copyOf(declaredPackages);
    }

    /** @param basePackage the package the plugin's classes live in, with its subpackages */
    public static PluginBoundaries of(String basePackage) {
        return new PluginBoundaries(basePackage, List.of());
    }

    /** @param packages further packages the plugin may use (with their subpackages), such as another plugin's api */
    public PluginBoundaries mayUse(String... packages) {
        List<String> declared = new ArrayList<>(declaredPackages);
        declared.addAll(List.of(packages));
        return new PluginBoundaries(basePackage, declared);
    }

    /** Fails with every violation of both rules, imports and visibility. */
    public void check() {
        CompositeArchRule.of(importRule()).and(visibilityRule()).check(mainClasses());
    }

    /** Fails with every import outside the plugin's boundaries; what an api module, all public, checks. */
    public void checkImports() {
        importRule().check(mainClasses());
    }

    ArchRule importRule() {
        List<String> allowed = new ArrayList<>(PLATFORM_PACKAGES);
        allowed.add(basePackage + "..");
        declaredPackages.forEach(declared -> allowed.add(declared + ".."));
        return classes().that().resideInAPackage(basePackage + "..")
                .should().onlyDependOnClassesThat(resideInAnyPackage(allowed.toArray(String[]::new)).or(jdk()))
                .because("the host lends a plugin only the SPI, pf4j, Jackson, SLF4J and the JDK, and other plugins'"
                        + " classes only through the api packages of those it depends on");
    }

    ArchRule visibilityRule() {
        return classes().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackage(basePackage + ".api..")
                .and().areTopLevelClasses()
                .and().arePublic()
                .should().beAnnotatedWith(Extension.class)
                .because("pf4j instantiates only public extensions, and the rest of a plugin is no one else's API");
    }

    /** The JDK: what the platform class loader finds, which the host's plugin class loader also lends every plugin. */
    private static DescribedPredicate<JavaClass> jdk() {
        return DescribedPredicate.describe("part of the JDK", type -> {
            JavaClass base = type.getBaseComponentType();
            return base.isPrimitive() || ClassLoader.getPlatformClassLoader()
                    .getResource(base.getName().replace('.', '/') + ".class") != null;
        });
    }

    /** The plugin's compiled classes: its own build output, neither its tests nor the jars it compiles against. */
    private JavaClasses mainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }
}
