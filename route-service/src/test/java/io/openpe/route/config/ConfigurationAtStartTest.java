package io.openpe.route.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service started with one key out of its range stops, naming the key, its value and the reason. */
@QuarkusMainTest
@TestProfile(ConfigurationAtStartTest.PortOutOfRange.class)
class ConfigurationAtStartTest {

    public static class PortOutOfRange implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.bmp.port", "70000");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void aPortOutOfRangeStopsTheStart(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(output.contains("openpe.bmp.port=70000: must be between 0 and 65535, got 70000"), output);
        assertEquals(1, result.exitCode());
    }
}
