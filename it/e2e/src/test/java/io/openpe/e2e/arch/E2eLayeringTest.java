package io.openpe.e2e.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end tests reach the services only the way any client does: through their wire contracts (the generated
 * {@code openpe.*.v1} messages and stubs) over Kafka, gRPC and HTTP. No service class may be used, so a test cannot
 * pass by calling into the code it checks. The one exception is the KubeVirt double and its mock API servers
 * ({@code io.openpe.migration.kubevirt}, migration-coordinator's test-jar): they stand in for KubeVirt.
 */
class E2eLayeringTest {

    private static final JavaClasses TESTS = new ClassFileImporter().importPackages("io.openpe.e2e");

    @Test
    void testsUseTheServicesContractsOnly() {
        noClasses().should().dependOnClassesThat(
                resideInAnyPackage("io.openpe.intent..", "io.openpe.route..", "io.openpe.node..",
                        "io.openpe.migration..", "io.openpe.local..")
                        .and(not(resideInAnyPackage("io.openpe.intent.v1..", "io.openpe.route.v1..",
                                "io.openpe.node.v1..", "io.openpe.migration.v1..",
                                // The KubeVirt double (migration-coordinator's test code) plays KubeVirt, not openpe.
                                "io.openpe.migration.kubevirt.."))))
                .check(TESTS);
    }
}
