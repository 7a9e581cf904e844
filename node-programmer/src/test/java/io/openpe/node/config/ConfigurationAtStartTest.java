package io.openpe.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent started with a VRF datapath it does not know stops, naming the key, its value and the reason. */
@QuarkusMainTest
@TestProfile(ConfigurationAtStartTest.UnknownVrfDatapath.class)
class ConfigurationAtStartTest {

    public static class UnknownVrfDatapath implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.node.vrf-datapath", "vrf-lite");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void anUnknownVrfDatapathStopsTheStart(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(output.contains("invalid configuration: openpe.node.vrf-datapath=vrf-lite: must be one of kernel,"
                + " netns, auto, got \"vrf-lite\""), output);
        assertEquals(1, result.exitCode());
    }
}
