package io.openpe.migration.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE §2 for the Kubernetes side of migration-coordinator: {@code network} is pure (the JDK and the shared rules
 * only); {@code step} uses {@code kube} and {@code network} and no framework; only {@code kube} holds a fabric8 client.
 * The saga is a pure function: {@code saga} depends on the JDK only (not even on {@code step}, whose outcomes carry Kubernetes types).
 */
class MigrationLayeringTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.openpe.migration");

  @Test
  void networkIsPure() {
    classes().that().resideInAPackage("io.openpe.migration.network..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.openpe.migration.network..", "io.openpe.rules..",
            "java..")
        .check(MAIN);
  }

  @Test
  void stepsUseKubeAndNetworkOnly() {
    noClasses().that().resideInAPackage("io.openpe.migration.step..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
            "org.apache.kafka..", "io.grpc..", "io.openpe.migration.v1..", "io.fabric8.kubernetes.client..",
            "io.openpe.migration.saga..", "io.openpe.migration.store..", "io.openpe.migration.api..")
        .check(MAIN);
  }

  @Test
  void sagaIsPure() {
    classes().that().resideInAPackage("io.openpe.migration.saga..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.openpe.migration.saga..", "java..")
        .check(MAIN);
  }

  @Test
  void storeKnowsTheSagaAndKafkaButNoCluster() {
    noClasses().that().resideInAPackage("io.openpe.migration.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.openpe.migration.step..", "io.openpe.migration.kube..",
            "io.openpe.migration.dispatch..", "io.openpe.migration.api..", "io.fabric8..")
        .check(MAIN);
  }

  @Test
  void dispatchRunsStepsButNeverDecides() {
    noClasses().that().resideInAPackage("io.openpe.migration.dispatch..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.openpe.migration.saga.Saga")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.openpe.migration.api..", "org.apache.kafka.streams..")
        .check(MAIN);
  }

  @Test
  void fabricAsksRouteServiceAndNeverDecides() {
    noClasses().that().resideInAPackage("io.openpe.migration.fabric..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.openpe.migration.saga.Saga")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.openpe.migration.api..",
            "io.openpe.migration.store..", "org.apache.kafka..", "io.fabric8..")
        .check(MAIN);
  }

  @Test
  void onlyKubeHoldsAFabric8Client() {
    noClasses().that().resideOutsideOfPackage("io.openpe.migration.kube..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
        .check(MAIN);
  }
}
