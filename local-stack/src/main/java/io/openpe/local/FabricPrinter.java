package io.openpe.local;

import io.openpe.intent.v1.NodePlan;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints, as they are published, every cluster's plans and node statuses and the EVPN MAC/IP routes route-service
 * publishes (MAC → VTEP, cluster, mobility sequence). Every router reports every route in several views, so a route
 * is printed once per distinct MAC, IP, VTEP and sequence.
 */
final class FabricPrinter implements AutoCloseable {

    private static final ProtobufDeserializer<NodePlan> PLANS = new ProtobufDeserializer<>(NodePlan.parser());
    private static final ProtobufDeserializer<NodeStatus> STATUSES = new ProtobufDeserializer<>(NodeStatus.parser());
    private static final ProtobufDeserializer<EvpnRoute> ROUTES = new ProtobufDeserializer<>(EvpnRoute.parser());

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> printedRoutes = new HashSet<>();
    private final Map<String, String> lastStatus = new java.util.HashMap<>();

    FabricPrinter(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "local-stack-fabric-printer"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.PLANS, Topics.NODE_STATUS, Topics.EVPN_ROUTES)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
    }

    void printUntilClosed() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    line(record).ifPresent(System.out::println);
                }
            }
        } catch (WakeupException | InterruptException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private java.util.Optional<String> line(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return java.util.Optional.empty();
        }
        return switch (record.topic()) {
            case Topics.PLANS -> java.util.Optional.of(PlanPrinter.describe(record.key(),
                    record.value() == null ? null : PLANS.deserialize(Topics.PLANS, record.value())));
            case Topics.NODE_STATUS -> {
                String text = PlanPrinter.describe(record.key(),
                        record.value() == null ? null : STATUSES.deserialize(Topics.NODE_STATUS, record.value()));
                // Periodic re-applies publish the same status again; print what changed.
                yield text.equals(lastStatus.put(record.key(), text)) ? java.util.Optional.empty()
                        : java.util.Optional.of(text);
            }
            case Topics.EVPN_ROUTES -> record.value() == null ? java.util.Optional.empty()
                    : route(ROUTES.deserialize(Topics.EVPN_ROUTES, record.value()));
            default -> java.util.Optional.empty();
        };
    }

    /** Type-2 routes with a MAC: who announced the workload, and where its traffic goes. */
    private java.util.Optional<String> route(EvpnRoute route) {
        if (route.getRouteType() != 2 || route.getMac().isEmpty()) {
            return java.util.Optional.empty();
        }
        String ip = route.getIp().isEmpty() ? "" : " " + route.getIp();
        String sequence = route.getHasMacMobility() ? Integer.toString(route.getMacMobilitySequence()) : "0";
        String identity = route.getMac() + ip + " " + route.getNextHop() + " " + sequence;
        if (!printedRoutes.add(identity)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("evpn route type-2 MAC " + route.getMac() + ip + " -> VTEP " + route.getNextHop()
                + " vni " + route.getVni() + ", mobility seq " + sequence + " (reported by " + route.getCluster() + "/"
                + route.getRouter().getSysName() + ")");
    }

    @Override
    public void close() {
        consumer.wakeup();
    }
}
