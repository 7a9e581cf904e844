package io.openpe.route.session;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Issue 10's listener tests: only 127.0.0.1 by CIDR (every other loopback address must be planned to connect), a
 * short idle timeout, and quick TCP keepalive probes.
 */
public class ListenerEdgesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("openpe.bmp.allowed-cidrs", "127.0.0.1/32");
    }
}
