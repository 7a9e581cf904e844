package io.openpe.route.publish;

import com.google.protobuf.MessageLite;

/**
 * One record for Kafka: topic, key, and value (null for a tombstone); {@code whenStored} runs once Kafka has
 * acknowledged it (on the producer's I/O thread: it must not block).
 */
public record Outbound(String topic, String key, MessageLite value, Runnable whenStored) {

    private static final Runnable NOTHING = () -> { };

    public Outbound(String topic, String key, MessageLite value) {
        this(topic, key, value, NOTHING);
    }
}
