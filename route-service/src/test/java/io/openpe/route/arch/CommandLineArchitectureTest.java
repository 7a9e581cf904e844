package io.openpe.route.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The operator command's parsing (picocli) stays at the edge, in the cli package. */
class CommandLineArchitectureTest {

    @Test
    void onlyTheCliPackageUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.openpe.route.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.openpe.route"));
    }
}
