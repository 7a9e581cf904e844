package io.openpe.route.publish;

import com.google.protobuf.MessageLite;

/**
 * One record for Kafka: topic, key, and value (null for a tombstone); {@code whenDone} runs once Kafka has
 * acknowledged it, or once a later record of its key has replaced it (KafkaPublisher's retry), on a producer thread:
 * it must not block.
 */
public record Outbound(String topic, String key, MessageLite value, Runnable whenDone) {

    private static final Runnable NOTHING = () -> { };

    public Outbound(String topic, String key, MessageLite value) {
        this(topic, key, value, NOTHING);
    }
}
