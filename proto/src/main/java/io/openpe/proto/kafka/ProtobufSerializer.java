package io.openpe.proto.kafka;

import com.google.protobuf.MessageLite;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every openpe Protobuf payload. A null value stays null: a tombstone. */
public final class ProtobufSerializer<T extends MessageLite> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : value.toByteArray();
    }
}
