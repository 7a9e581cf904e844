package io.openpe.proto.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every Kafka client openpe builds itself is configured (issue 10, docs/decisions.md "Kafka"): from the service's
 * Quarkus Kafka configuration, every {@code kafka.*} property as Quarkus hands it over (the
 * {@code @Identifier("default-kafka-broker")} map), so that TLS and SASL settings ({@code kafka.security.protocol},
 * {@code kafka.ssl.*}, {@code kafka.sasl.*}) reach all clients, not only the health check; then the client's own
 * settings, which win. Keys that are no setting of the client kind are left out (the map also holds the health
 * check's). Each client's metrics go to Micrometer ({@link #metrics}).
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** A configuration of nothing but brokers: tests and command-line tools. */
    public static Map<String, Object> brokers(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    public static Map<String, Object> consumer(Map<String, ?> kafka, Map<String, Object> own) {
        return merge(kafka, ConsumerConfig.configNames(), own);
    }

    public static Map<String, Object> producer(Map<String, ?> kafka, Map<String, Object> own) {
        return merge(kafka, ProducerConfig.configNames(), own);
    }

    /** Binds the client's own metrics (Micrometer {@code kafka.consumer.*}); close it with the client. */
    public static KafkaClientMetrics metrics(MeterRegistry registry, Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics;
    }

    /** Binds the client's own metrics (Micrometer {@code kafka.producer.*}); close it with the client. */
    public static KafkaClientMetrics metrics(MeterRegistry registry, Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics;
    }

    private static Map<String, Object> merge(Map<String, ?> kafka, Set<String> known, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key) && value != null) {
                config.put(key, value);
            }
        });
        config.putAll(own);
        return config;
    }
}
