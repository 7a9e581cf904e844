package io.openpe.proto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: TLS and SASL given once in the Quarkus Kafka configuration reach every client openpe builds. */
class KafkaClientsTest {

    /** As Quarkus hands over {@code kafka.*} (the {@code default-kafka-broker} map): prefix removed. */
    private static final Map<String, Object> QUARKUS_KAFKA = Map.of(
            "bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/ca.p12",
            "health.timeout.ms", "5000",
            "client.id", "from-config");

    @Test
    void consumersAndProducersCarryTheSecuritySettingsAndTheirOwnWin() {
        for (Map<String, Object> config : new Map[] {
                KafkaClients.consumer(QUARKUS_KAFKA, Map.of("client.id", "node-programmer")),
                KafkaClients.producer(QUARKUS_KAFKA, Map.of("client.id", "node-programmer"))}) {
            assertEquals("kafka:9093", config.get("bootstrap.servers"));
            assertEquals("SASL_SSL", config.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
            assertEquals("/etc/kafka/ca.p12", config.get("ssl.truststore.location"));
            assertEquals("node-programmer", config.get("client.id"), "the client's own setting wins");
            assertFalse(config.containsKey("health.timeout.ms"), "not a client setting: " + config);
        }
    }
}
