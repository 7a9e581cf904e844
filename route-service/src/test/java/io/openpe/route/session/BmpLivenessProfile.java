package io.openpe.route.session;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Issue 10's liveness tests: a short idle timeout, TCP keepalive probing after 1 s, and the test namespace's link. */
public class BmpLivenessProfile implements QuarkusTestProfile {

    /** The veth between the root namespace and the keepalive test's router namespace. */
    static final String COLLECTOR = "198.18.231.1";
    static final String ROUTER = "198.18.231.2";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("openpe.bmp.idle-timeout", "PT4S",
                "openpe.bmp.keepalive-idle", "PT1S",
                "openpe.bmp.keepalive-interval", "PT1S",
                "openpe.bmp.keepalive-count", "2",
                "openpe.bmp.allowed-cidrs", "127.0.0.0/8," + ROUTER + "/32");
    }
}
