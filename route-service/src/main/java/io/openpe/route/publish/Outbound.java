package io.openpe.route.publish;

import com.google.protobuf.MessageLite;

/** One record for Kafka: topic, key, and value (null for a tombstone). */
public record Outbound(String topic, String key, MessageLite value) {
}
