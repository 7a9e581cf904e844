package io.openpe.migration.store;

import io.micrometer.core.instrument.Metrics;
import io.openpe.proto.kafka.UndecodableRecords;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * The decider's handler for an input it cannot decode (kafka-streams.default.deserialization.exception.handler): the
 * shared policy of every openpe consumer ({@link UndecodableRecords}: skipped, counted with topic and partition,
 * logged once, shown in readiness) instead of Kafka Streams' default, which stops the stream thread for good and with
 * it every migration. Kafka Streams instantiates the handler itself, so it counts into Micrometer's global registry,
 * which Quarkus binds to the service's own.
 */
public final class SkipUndecodableInputs implements DeserializationExceptionHandler {

    static final UndecodableRecords RECORDS = new UndecodableRecords("migration-coordinator", Metrics.globalRegistry);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        RECORDS.skip(new UndecodableRecords.Skip(context.topic(), context.partition(), context.offset(),
                exception.getMessage()));
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
