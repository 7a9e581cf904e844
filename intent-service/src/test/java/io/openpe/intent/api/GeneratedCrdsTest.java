package io.openpe.intent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs under {@code k8s/crds} are what the build generates from this package (the crd-generator plugin writes
 * {@code target/crds} before the tests run), so a changed api class cannot ship with stale CRDs.
 */
class GeneratedCrdsTest {
  static final Path GENERATED = Path.of("target", "crds");
  private static final Path CHECKED_IN = Path.of("..", "k8s", "crds");
  private static final String FIX = "; run ./mvnw -B -pl intent-service -am process-classes and copy"
      + " intent-service/target/crds/*.yml to k8s/crds/";

  @Test
  void theCheckedInCrdsAreTheGeneratedOnes() throws IOException {
    List<String> generated = crdFiles(GENERATED);
    assertEquals(List.of("l2vnis.openpe.openperouter.github.io-v1.yml", "l3vnis.openpe.openperouter.github.io-v1.yml",
        "underlays.openpe.openperouter.github.io-v1.yml"), generated, "CRDs generated into " + GENERATED.toAbsolutePath());
    assertEquals(generated, crdFiles(CHECKED_IN), "CRD files in k8s/crds" + FIX);
    for (String file : generated) {
      assertEquals(Files.readString(GENERATED.resolve(file)), Files.readString(CHECKED_IN.resolve(file)),
          "k8s/crds/" + file + " differs from the generated one" + FIX);
    }
  }

  private static List<String> crdFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).sorted().toList();
    }
  }
}
