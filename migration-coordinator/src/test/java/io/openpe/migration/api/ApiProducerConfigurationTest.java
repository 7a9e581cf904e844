package io.openpe.migration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the API's producer (Start and Cancel inputs) is built from the service's whole Quarkus Kafka
 * configuration, not from the broker address alone, so TLS and SASL settings reach it, and its client metrics are in
 * Micrometer. The profile adds a SASL setting (inert on the PLAINTEXT test broker) and an interceptor that records the
 * configuration each Kafka client is created with: the producer named {@code migration-api} must carry both.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestProfile(ApiProducerConfigurationTest.SaslSettings.class)
class ApiProducerConfigurationTest {

  /** Records the configuration of every client it is configured into (producers and consumers alike). */
  public static final class RecordingInterceptor
      implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {

    static final List<Map<String, Object>> CONFIGS = new CopyOnWriteArrayList<>();

    @Override
    public void configure(Map<String, ?> configs) {
      CONFIGS.add(new HashMap<>(configs));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
      return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
      return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
  }

  public static class SaslSettings implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("openpe.migration.dispatcher.enabled", "false",
          "kafka.sasl.mechanism", "SCRAM-SHA-512",
          "kafka.interceptor.classes", RecordingInterceptor.class.getName(),
          // Named for Kafka Streams too: its clients get kafka.* (sasl) from Quarkus, and their settings are seen here.
          "kafka-streams.interceptor.classes", RecordingInterceptor.class.getName());
    }
  }

  @GrpcClient("migration")
  MigrationServiceGrpc.MigrationServiceBlockingStub migrations;

  @TestHTTPResource("/")
  URI root;

  @Test
  void theApiProducerCarriesTheServicesKafkaSettingsAndIsMetered() throws Exception {
    // Calls before the coordinator is ready answer UNAVAILABLE (StartBeforeReadyTest).
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(root.resolve("q/health/ready")).build();
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    migrations.start(StartRequest.newBuilder().setMigration(StartMigration.newBuilder().setMigrationId("config-1")
        .setVmName("vm-config").setSource(ClusterRef.newBuilder().setName("cluster-a").setNamespace("vms"))
        .setTarget(ClusterRef.newBuilder().setName("cluster-b").setNamespace("vms"))
        .setMigrationNetwork("migration")).build());

    List<Map<String, Object>> api = RecordingInterceptor.CONFIGS.stream()
        .filter(c -> "migration-api".equals(c.get("client.id"))).toList();
    assertEquals(1, api.size(), "one API producer, configured with the interceptor given as kafka.interceptor.classes");
    assertEquals("SCRAM-SHA-512", api.getFirst().get("sasl.mechanism"), "kafka.sasl.* reaches the API producer");
    assertEquals("all", api.getFirst().get("acks"), "its own reliability settings win");

    List<Map<String, Object>> decider = RecordingInterceptor.CONFIGS.stream()
        .filter(c -> String.valueOf(c.get("client.id")).contains("StreamThread")).toList();
    assertFalse(decider.isEmpty(), "the decider's Kafka Streams clients were configured");
    decider.forEach(c -> assertEquals("SCRAM-SHA-512", c.get("sasl.mechanism"),
        "kafka.sasl.* reaches the decider's client " + c.get("client.id")
            + " (Quarkus gives Kafka Streams the default-kafka-broker configuration)"));

    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("q/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("kafka_producer_")
        && l.contains("client_id=\"migration-api\"")), "the API producer's client metrics are in Micrometer");
  }
}
