package io.openpe.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared rules stay pure (docs/decisions.md): the JDK and nothing else, so that any module can use them. */
class RulesLayeringTest {

  @Test
  void rulesDependOnTheJdkOnly() {
    classes().that().resideInAPackage("io.openpe.rules..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.openpe.rules..", "java..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.openpe.rules"));
  }
}
