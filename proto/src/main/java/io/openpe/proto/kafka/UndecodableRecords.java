package io.openpe.proto.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one policy of every openpe consumer for a record it cannot decode (issue 10): the record is skipped and
 * consumption goes on with the next one; it is counted ({@value #METRIC}, tags {@code consumer}, {@code topic},
 * {@code partition}; Prometheus {@code openpe_kafka_records_skipped_total}), its topic, partition and offset are logged
 * once, and the count and the last skip are shown in the service's readiness data ({@link #healthData}), which stays
 * UP: one corrupt record must not stop a node converging or a service serving.
 *
 * <p>Consumers read values as bytes and decode them here, so a bad value never surfaces as an exception inside
 * {@code poll} (which would return the same record again after every reconnect). A record met again (a consumer that
 * re-reads a compacted topic from its beginning) is skipped again but neither counted nor logged twice.
 */
public final class UndecodableRecords {

    public static final String METRIC = "openpe.kafka.records.skipped";
    private static final Logger LOG = Logger.getLogger(UndecodableRecords.class);
    /** Skips remembered to count each record once; beyond this the oldest are forgotten (and would count again). */
    private static final int REMEMBERED = 10_000;

    /** One skipped record. */
    public record Skip(String topic, int partition, long offset, String reason) {
        Skip withoutReason() {
            return new Skip(topic, partition, offset, "");
        }

        public String describe() {
            return topic + "-" + partition + "@" + offset + ": " + reason;
        }
    }

    private final String consumer;
    private final MeterRegistry registry;
    private final SequencedSet<Skip> seen = new LinkedHashSet<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<Skip> last = new AtomicReference<>();

    /** @param consumer the service (or consumer) the metric and the log line name */
    public UndecodableRecords(String consumer, MeterRegistry registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    /** The value of {@code record} decoded; empty for a tombstone and for a value that does not decode (skipped). */
    public <T extends MessageLite> Optional<T> decode(ConsumerRecord<?, byte[]> record, Parser<T> parser) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException e) {
            skip(new Skip(record.topic(), record.partition(), record.offset(),
                    "not a valid " + typeName(parser) + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** Records a skip decided by the caller (a value that decodes but cannot be used at all). */
    public void skip(Skip skip) {
        synchronized (seen) {
            if (!seen.add(skip.withoutReason())) {
                return;
            }
            if (seen.size() > REMEMBERED) {
                seen.removeFirst();
            }
        }
        skipped.incrementAndGet();
        last.set(skip);
        Counter.builder(METRIC).description("Kafka records skipped because they could not be decoded")
                .tag("consumer", consumer).tag("topic", skip.topic())
                .tag("partition", Integer.toString(skip.partition())).register(registry).increment();
        LOG.warnf("skipped undecodable record consumer=%s topic=%s partition=%d offset=%d: %s", consumer,
                skip.topic(), skip.partition(), skip.offset(), skip.reason());
    }

    public long skipped() {
        return skipped.get();
    }

    public Optional<Skip> last() {
        return Optional.ofNullable(last.get());
    }

    /** What readiness shows: the count, and the last skipped record when there is one. */
    public Map<String, Object> healthData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kafkaRecordsSkipped", skipped.get());
        last().ifPresent(s -> data.put("lastSkippedRecord", s.describe()));
        return data;
    }

    private static String typeName(Parser<?> parser) {
        try {
            return parser.parseFrom(new byte[0]).getClass().getSimpleName();
        } catch (InvalidProtocolBufferException e) {
            return "record";
        }
    }
}
