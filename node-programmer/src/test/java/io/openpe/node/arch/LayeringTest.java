package io.openpe.node.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE §2 node-programmer: the pure packages know only the JDK, the shared rules and each other. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.openpe.node");

    @Test
    void purePackagesImportOnlyTheJdkAndEachOther() {
        noClasses().that().resideInAnyPackage("io.openpe.node.desired..", "io.openpe.node.kernel..",
                "io.openpe.node.frr..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.openpe.rules..",
                        "io.openpe.node.desired..", "io.openpe.node.kernel..", "io.openpe.node.frr..")
                .check(MAIN);
    }

    @Test
    void kernelAndFrrModelsDoNotKnowThePlan() {
        noClasses().that().resideInAnyPackage("io.openpe.node.kernel..", "io.openpe.node.frr..")
                .should().dependOnClassesThat().resideInAPackage("io.openpe.node.desired..")
                .check(MAIN);
    }

    @Test
    void onlyLinuxRunsIpAndOnlyFrrctlTalksToFrr() {
        noClasses().that().resideOutsideOfPackage("io.openpe.node.linux..")
                .should().dependOnClassesThat().resideInAPackage("io.openpe.node.linux..")
                .allowEmptyShould(true)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.openpe.node.desired", "io.openpe.node.kernel", "io.openpe.node.frr",
                                "io.openpe.node.frrctl", "io.openpe.node.intake"));
    }

    /** The loop knows tracing only as its own port (reconcile.PassTracing); OpenTelemetry stays in trace and wiring. */
    @Test
    void onlyTheTracePackageAndTheWiringKnowOpenTelemetry() {
        noClasses().that().resideOutsideOfPackages("io.openpe.node.trace..", "io.openpe.node")
                .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
                .check(MAIN);
    }

    @Test
    void generatedProtoStaysInTheEdges() {
        noClasses().that().resideInAnyPackage("io.openpe.node.desired..", "io.openpe.node.kernel..",
                "io.openpe.node.frr..", "io.openpe.node.linux..", "io.openpe.node.frrctl..")
                .should().dependOnClassesThat().resideInAnyPackage("io.openpe.intent.v1..", "io.openpe.node.v1..")
                .check(MAIN);
    }
}
