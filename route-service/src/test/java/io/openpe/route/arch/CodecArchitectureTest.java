package io.openpe.route.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE §2 route-service: the codec and RIB packages are pure. They import only the JDK, io.netty.buffer and each
 * other in one direction (wire ← bgp ← evpn ← bmp ← rib), never a framework, and never read the clock.
 */
class CodecArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.openpe.route");

    private static void onlyDependOn(String pkg, String... allowed) {
        String[] all = new String[allowed.length + 3];
        all[0] = "java..";
        all[1] = "io.netty.buffer..";
        all[2] = pkg;
        System.arraycopy(allowed, 0, all, 3, allowed.length);
        classes().that().resideInAPackage(pkg).should().onlyDependOnClassesThat().resideInAnyPackage(all)
                .check(MAIN);
    }

    @Test
    void wireDependsOnNettyBufferOnly() {
        onlyDependOn("io.openpe.route.wire..");
    }

    @Test
    void bgpDependsOnWire() {
        onlyDependOn("io.openpe.route.bgp..", "io.openpe.route.wire..");
    }

    @Test
    void evpnDependsOnWireAndBgp() {
        onlyDependOn("io.openpe.route.evpn..", "io.openpe.route.wire..", "io.openpe.route.bgp..");
    }

    @Test
    void bmpDependsOnWireBgpAndEvpn() {
        onlyDependOn("io.openpe.route.bmp..", "io.openpe.route.wire..", "io.openpe.route.bgp..",
                "io.openpe.route.evpn..");
    }

    @Test
    void ribDependsOnTheCodec() {
        onlyDependOn("io.openpe.route.rib..", "io.openpe.route.wire..", "io.openpe.route.bgp..",
                "io.openpe.route.evpn..", "io.openpe.route.bmp..");
    }

    @Test
    void mobilityDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("io.openpe.route.mobility..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.openpe.route.mobility..").check(MAIN);
    }

    /** Issue 10: which routers may connect and which cluster they belong to is plain Java over the shared rules. */
    @Test
    void clusterDependsOnTheJdkAndTheSharedRulesOnly() {
        classes().that().resideInAPackage("io.openpe.route.cluster..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.openpe.route.cluster..", "io.openpe.rules..").check(MAIN);
    }

    /** The reconciliation rule (which keys are stale) knows no Kafka client; TopicSnapshot reads the topic. */
    @Test
    void reconciliationIsPlainJava() {
        classes().that().haveFullyQualifiedName("io.openpe.route.publish.Reconciliation").should()
                .onlyDependOnClassesThat().resideInAnyPackage("java..", "io.openpe.route.publish..").check(MAIN);
    }

    @Test
    void noFrameworksGeneratedProtoOrClock() {
        noClasses().that().resideInAnyPackage("io.openpe.route.wire..", "io.openpe.route.bgp..",
                        "io.openpe.route.evpn..", "io.openpe.route.bmp..", "io.openpe.route.rib..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "io.grpc..", "org.apache.kafka..", "io.openpe.route.v1..", "com.google.protobuf..",
                        "io.netty.channel..", "io.netty.handler..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .check(MAIN);
    }
}
