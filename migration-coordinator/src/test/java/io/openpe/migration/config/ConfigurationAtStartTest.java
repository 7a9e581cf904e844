package io.openpe.migration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coordinator started with a saga clock of zero stops, naming the key, its value and the reason. */
@QuarkusMainTest
@TestProfile(ConfigurationAtStartTest.TickOfZero.class)
class ConfigurationAtStartTest {

  public static class TickOfZero implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("openpe.migration.saga.tick", "0s");
    }
  }

  @Test
  @Launch(value = {}, exitCode = 1)
  void aTickOfZeroStopsTheStart(LaunchResult result) {
    String output = result.getOutput() + result.getErrorOutput();
    assertTrue(output.contains("invalid configuration: openpe.migration.saga.tick=PT0S: must be positive, got PT0S"),
        output);
    assertEquals(1, result.exitCode());
  }
}
