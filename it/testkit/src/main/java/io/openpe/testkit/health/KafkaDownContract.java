package io.openpe.testkit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No broker listens on the configured address: the service is alive but not ready. A module extends it with
 * {@code @QuarkusTest @TestProfile(KafkaDownContract.UnreachableKafka.class)}.
 */
public abstract class KafkaDownContract {

    /** Points Kafka at 127.0.0.1:1, where nothing listens: connections are refused at once. */
    public static class UnreachableKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void aliveButNotReadyWhileKafkaIsUnreachable() throws Exception {
        HttpResponse<String> ready = HealthContract.get(root, "q/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"DOWN\""), ready.body());
        HttpResponse<String> live = HealthContract.get(root, "q/health/live");
        assertEquals(200, live.statusCode(), live.body());
    }
}
