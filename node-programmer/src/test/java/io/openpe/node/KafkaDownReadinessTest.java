package io.openpe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No broker listens on the configured address: the service is alive but not ready. */
@QuarkusTest
@TestProfile(KafkaDownReadinessTest.UnreachableKafka.class)
class KafkaDownReadinessTest {

    public static class UnreachableKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, connections are refused at once.
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void aliveButNotReadyWhileKafkaIsUnreachable() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(root.resolve("q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"DOWN\""), ready.body());
        HttpResponse<String> live = client.send(HttpRequest.newBuilder(root.resolve("q/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
    }
}
