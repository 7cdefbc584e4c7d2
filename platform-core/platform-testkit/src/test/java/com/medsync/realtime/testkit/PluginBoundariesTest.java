package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.medsync.realtime.testkit.boundaries.leaky.LeakyFeature;
import com.medsync.realtime.testkit.boundaries.tidy.TidyFeature;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The rules, evaluated on fixture plugins of this test tree (check() itself reads main classes only, and the
 * testkit's own main classes are no plugin).
 */
class PluginBoundariesTest {

    private static final String SHARED = "com.medsync.realtime.testkit.boundaries.shared";
    private static final String TIDY = TidyFeature.class.getPackageName();
    private static final String LEAKY = LeakyFeature.class.getPackageName();

    private final JavaClasses fixtures =
            new ClassFileImporter().importPackages("com.medsync.realtime.testkit.boundaries");

    @Test
    void aPluginWithinItsBoundariesPassesBothRules() {
        PluginBoundaries tidy = PluginBoundaries.of(TIDY).mayUse(SHARED);

        assertThat(tidy.importRule().evaluate(fixtures).hasViolation()).isFalse();
        assertThat(tidy.visibilityRule().evaluate(fixtures).hasViolation()).isFalse();
    }

    @Test
    void anotherPluginsApiMustBeDeclared() {
        EvaluationResult undeclared = PluginBoundaries.of(TIDY).importRule().evaluate(fixtures);

        assertThat(undeclared.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("SharedGreeting"))
                .allSatisfy(detail -> assertThat(detail).contains(SHARED));
    }

    @Test
    void medsyncCodeOutsideTheSpiIsRefused() {
        EvaluationResult leaky = PluginBoundaries.of(LEAKY).importRule().evaluate(fixtures);

        assertThat(leaky.getFailureReport().getDetails())
                .isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains(TestTokens.class.getName()));
    }

    @Test
    void aPublicClassThatIsNoExtensionIsRefused() {
        EvaluationResult leaky = PluginBoundaries.of(LEAKY).visibilityRule().evaluate(fixtures);

        assertThat(leaky.getFailureReport().getDetails())
                .singleElement(STRING)
                .contains(LeakyFeature.class.getName());
    }
}
