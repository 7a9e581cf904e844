package io.openpe.lab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layout is pure; the lab knows no openpe service (services are processes its callers start). */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.openpe.lab");

    @Test
    void layoutImportsOnlyTheJdkAndTheSharedRules() {
        noClasses().that().resideInAPackage("io.openpe.lab.layout..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.openpe.rules..",
                        "io.openpe.lab.layout..")
                .check(MAIN);
    }

    @Test
    void theLabKnowsNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.openpe.intent..", "io.openpe.route..",
                "io.openpe.node..", "io.openpe.migration..", "io.openpe.local..", "io.openpe.testkit..")
                .check(MAIN);
    }
}
