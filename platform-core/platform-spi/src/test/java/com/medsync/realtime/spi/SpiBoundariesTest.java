package com.medsync.realtime.spi;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class SpiBoundariesTest {

    private final JavaClasses spi = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.medsync.realtime.spi");

    @Test
    void usesNoServerOrPluginCode() {
        noClasses().that().resideInAPackage("com.medsync.realtime.spi..")
                .should().dependOnClassesThat(resideInAPackage("com.medsync.realtime..")
                        .and(resideOutsideOfPackage("com.medsync.realtime.spi..")))
                .because("every plugin compiles against the SPI, so whatever it used would reach into every plugin")
                .check(spi);
    }
}
