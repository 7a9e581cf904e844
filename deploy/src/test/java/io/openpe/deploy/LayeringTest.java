package io.openpe.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The check is a pure function of the rendered objects: only {@link Kustomize} runs programs or touches files. */
class LayeringTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.openpe.deploy");

  @Test
  void onlyKustomizeRunsProgramsOrReadsFiles() {
    noClasses().that().doNotHaveSimpleName("Kustomize").should().dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..").orShould().dependOnClassesThat()
        .belongToAnyOf(ProcessBuilder.class, Process.class, java.io.File.class).check(CLASSES);
  }
}
