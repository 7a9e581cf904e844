package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.intent.v1.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.reconcile.Backoff;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a plan of 10,000 L2VNIs for one node, published the way intent-service publishes plans
 * ({@link ProtobufProducers#reliable}) onto {@code openpe.plans} created with openpe's topic configuration, read by the
 * node's intake whole and accepted. At about 152 bytes per L2VNI the record is over Kafka's default 1 MiB.
 */
class LargePlanTest {

    private static final int L2VNIS = 10_000;

    @Test
    void aPlanOfTenThousandL2vnisGoesThroughKafkaToTheNodeWhole() throws Exception {
        NodePlan plan = ProtoPlans.l2vnis("lab", "node-a", 1, 100, L2VNIS);
        int size = plan.getSerializedSize();
        assertTrue(size > 1024 * 1024, "the record is over Kafka's default limit: " + size);
        assertTrue(size < Topics.MAX_RECORD_BYTES, "and within openpe's: " + size);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createOpenpeTopics();
            String bootstrap = broker.bootstrapServers();
            try (KafkaProducer<String, MessageLite> producer = ProtobufProducers.reliable(bootstrap, "test")) {
                producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey("lab", "node-a"), plan)).get();
            }
            List<io.openpe.node.desired.NodePlan> received = new CopyOnWriteArrayList<>();
            List<PlanRefusal> refused = new CopyOnWriteArrayList<>();
            UndecodableRecords undecodable = new UndecodableRecords("test", new SimpleMeterRegistry());
            try (PlanIntake intake = new PlanIntake(bootstrap, "lab/node-a", received::add, refused::add, undecodable,
                    new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
                intake.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> !received.isEmpty() || !refused.isEmpty());
            }
            assertEquals(List.of(), refused);
            assertEquals(L2VNIS, received.getFirst().l2Domains().size());
            assertEquals(0, undecodable.skipped());
        }
    }
}
