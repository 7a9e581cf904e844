package io.openpe.intent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, the running service: garbage on openpe.node-status (followed by the status feed) leaves intent-service
 * ready, moves {@code openpe_kafka_records_skipped_total} for that topic by exactly one and shows the record in the
 * readiness data. The per-topic behaviour of the reader is {@code UndecodableRecordsOnEveryTopicTest}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SkippedRecordsReadinessTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URI root;

    @Test
    void garbageOnNodeStatusIsCountedOnceAndReadinessStaysUp() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("q/health/ready").statusCode() == 200);
        double before = skipped();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.NODE_STATUS, "local/node-x",
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01})).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> skipped() == before + 1);
        HttpResponse<String> ready = get("q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("lastSkippedRecord"), ready.body());
        assertTrue(ready.body().contains(Topics.NODE_STATUS), ready.body());
    }

    private double skipped() throws Exception {
        return get("q/metrics").body().lines()
                .filter(l -> l.startsWith("openpe_kafka_records_skipped_total{")
                        && l.contains("topic=\"" + Topics.NODE_STATUS + "\""))
                .mapToDouble(l -> sampleValue(l)).sum();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one exposition line, without an OpenMetrics exemplar ({@code ... 1.0 # {trace_id=...} 1.0 ts}). */
    private static double sampleValue(String line) {
        String sample = line.split(" # ", 2)[0].trim();
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
