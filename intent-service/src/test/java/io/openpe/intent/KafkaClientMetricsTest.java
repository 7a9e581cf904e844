package io.openpe.intent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: every Kafka client of the running service has its own metrics in Micrometer, raw ones included: the
 * restore-and-fleet reader (raw), the node-status feed and the sources' writer (channels, bound by Quarkus) and the
 * gRPC writes' bounded producer (raw), by their client ids.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaClientMetricsTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void theReadersAndTheWriterExposeTheirKafkaClientMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("q/health/ready").statusCode() == 200);
        String metrics = get("q/metrics").body();
        assertTrue(has(metrics, "kafka_consumer_", "intent-service-state"), "restore and fleet reader");
        assertTrue(has(metrics, "kafka_consumer_", "intent-service-node-status"), "node-status feed");
        assertTrue(has(metrics, "kafka_producer_", "intent-service"), "the sources' writer (records channel)");
        assertTrue(has(metrics, "kafka_producer_", "intent-service-api"), "the gRPC writes' bounded producer");
    }

    private static boolean has(String metrics, String prefix, String clientId) {
        return metrics.lines().anyMatch(l -> l.startsWith(prefix) && l.contains("client_id=\"" + clientId + "\""));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
