package io.openpe.route.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE §2 route-service edges: only {@code session} has sockets; {@code api} answers from RIB copies and never decodes
 * bytes or writes a RIB; {@code publish} maps and sends, and knows nothing of sessions or gRPC.
 */
class EdgeArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.openpe.route");

    @Test
    void onlySessionHasSockets() {
        noClasses().that().resideOutsideOfPackage("io.openpe.route.session..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.bootstrap..",
                        "io.netty.handler..")
                .check(MAIN);
    }

    @Test
    void apiNeitherDecodesNorWritesTheRib() {
        noClasses().that().resideInAPackage("io.openpe.route.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.openpe.route.wire..", "io.openpe.route.bgp..",
                        "io.openpe.route.evpn..", "io.openpe.route.rib..", "io.netty..")
                .orShould().dependOnClassesThat().haveSimpleName("BmpSessionDecoder")
                .check(MAIN);
    }

    @Test
    void publishKnowsNoSessionsAndNoGrpc() {
        noClasses().that().resideInAPackage("io.openpe.route.publish..")
                .should().dependOnClassesThat().resideInAnyPackage("io.openpe.route.session..",
                        "io.openpe.route.api..", "io.grpc..", "io.netty..")
                .check(MAIN);
    }
}
