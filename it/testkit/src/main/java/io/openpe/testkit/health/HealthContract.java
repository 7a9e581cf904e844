package io.openpe.testkit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What every openpe service promises operators, with a real broker: ready, alive, and Prometheus metrics. A module
 * extends it with {@code @QuarkusTest @QuarkusTestResource(KafkaBrokerResource.class)}.
 */
public abstract class HealthContract {

    @TestHTTPResource("/")
    URI root;

    @Test
    void readyWithARealBrokerAndExposesPrometheusMetrics() throws Exception {
        HttpResponse<String> ready = get(root, "q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("Kafka connection health check"), ready.body());

        assertEquals(200, get(root, "q/health/live").statusCode());

        HttpResponse<String> metrics = get(root, "q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "Prometheus exposition expected");
    }

    static HttpResponse<String> get(URI root, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
