package io.openpe.intent.config;

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
@TestProfile(ConfigurationAtStartTest.MtuBelowIpv6Minimum.class)
class ConfigurationAtStartTest {

    public static class MtuBelowIpv6Minimum implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.underlay.mtu", "1000");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void anUnderlayMtuBelowTheIpv6MinimumStopsTheStart(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(output.contains("invalid configuration: openpe.underlay.mtu=1000: must be between 1280 and 65535, got 1000"),
                output);
        assertEquals(1, result.exitCode());
    }
}
