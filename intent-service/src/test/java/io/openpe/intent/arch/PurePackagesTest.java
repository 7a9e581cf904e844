package io.openpe.intent.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STYLE §2: the domain packages stay free of frameworks (tracing too), the Kubernetes client, proto and the clock. */
class PurePackagesTest {
  private static final String[] PURE = {"io.openpe.intent.model..", "io.openpe.intent.validation..",
      "io.openpe.intent.ipam..", "io.openpe.intent.plan..", "io.openpe.intent.fleet.."};
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.openpe.intent");
  }

  @Test
  void noFrameworksInTheDomain() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
        .resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..", "io.grpc..", "org.apache.kafka..",
            "io.openpe.intent.v1..", "io.openpe.route.v1..", "io.openpe.node.v1..", "io.openpe.migration.v1..",
            "com.google.protobuf..", "jakarta..", "io.opentelemetry..");
    rule.check(classes);
  }

  @Test
  void noKubernetesClientInTheDomain() {
    noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
        .resideInAPackage("io.fabric8.kubernetes.client..").check(classes);
  }

  @Test
  void onlyApiAndValidationSeeTheFabric8Model() {
    noClasses().that().resideInAnyPackage("io.openpe.intent.model..", "io.openpe.intent.ipam..",
        "io.openpe.intent.plan..", "io.openpe.intent.fleet..").should().dependOnClassesThat().resideInAnyPackage("io.fabric8..",
        "io.openpe.intent.api..").check(classes);
  }

  /** The CRD generator's annotations describe the Kubernetes API, so they stay on the api package's classes. */
  @Test
  void onlyTheApiCarriesCrdGeneratorAnnotations() {
    noClasses().that().resideOutsideOfPackage("io.openpe.intent.api..").should().dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.generator.annotation..", "io.fabric8.crd.generator..").check(classes);
  }

  @Test
  void theDomainNeverDependsOnTheEdges() {
    noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat().resideInAnyPackage(
        "io.openpe.intent.reconcile..", "io.openpe.intent.kube..", "io.openpe.intent.publish..",
        "io.openpe.intent.grpc..", "io.openpe.intent.directory..", "io.openpe.intent.cli..",
        "io.openpe.intent.status..").check(classes);
  }

  @Test
  void noClockInTheDomain() {
    noClasses().that().resideInAnyPackage(PURE).should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.LocalDateTime.class, "now").check(classes);
  }
}
