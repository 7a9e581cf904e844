package io.openpe.proto.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for every openpe Protobuf payload.
 *
 * <p>Built with the message's parser, or by Kafka from configuration: set {@value #VALUE_TYPE_CONFIG} to the
 * generated message class (for example {@code io.openpe.intent.v1.NodePlan}). A tombstone (null) stays null.
 */
public final class ProtobufDeserializer<T extends MessageLite> implements Deserializer<T> {

    /** Consumer property naming the generated message class of the values. */
    public static final String VALUE_TYPE_CONFIG = "openpe.protobuf.value.type";

    private Parser<T> parser;

    /** For Kafka's reflective construction; {@link #configure} supplies the type. */
    public ProtobufDeserializer() {
    }

    public ProtobufDeserializer(Parser<T> parser) {
        this.parser = parser;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (parser != null) {
            return;
        }
        Object type = configs.get(VALUE_TYPE_CONFIG);
        if (type == null) {
            throw new IllegalArgumentException(VALUE_TYPE_CONFIG + " must name the Protobuf message class");
        }
        this.parser = parserOf(type instanceof Class<?> c ? c.getName() : type.toString());
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (parser == null) {
            throw new IllegalStateException("ProtobufDeserializer used before configure()");
        }
        try {
            return parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("Invalid Protobuf value on topic " + topic, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends MessageLite> Parser<T> parserOf(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            return (Parser<T>) type.getMethod("parser").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Not a generated Protobuf message class: " + className, e);
        }
    }
}
