package io.openpe.route.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.kafka.InjectKafkaBroker;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the {@code plans} channel in readiness. With the broker stopped under a connected channel, readiness is
 * DOWN and names the channel; with the broker back it is UP again, and a plan published afterwards is applied (the
 * channel resumed, it did not stop).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class PlansChannelOutageTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    PlanConsumer plans;

    @TestHTTPResource("/")
    URI root;

    @Test
    void readinessIsDownWhileThePlansChannelHasNoBrokerAndTheChannelGoesOnAfterwards() {
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);

        broker.stop();
        try {
            HttpResponse<String> down = await().atMost(Duration.ofSeconds(60)).until(this::ready,
                    r -> r.statusCode() == 503 && r.body().contains("\"plans\": \"[KO]"));
            assertTrue(down.body().contains("SmallRye Reactive Messaging - readiness check"), down.body());
        } finally {
            broker.startAgain();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> ready().statusCode() == 200);
        NodePlan plan = NodePlan.newBuilder().setCluster("east").setNode("e1").setGeneration(1)
                .setUnderlay(UnderlayPlan.newBuilder().setAsn(65001).setRouterId("10.98.0.1").setVtepIp("127.0.0.98"))
                .build();
        try (var producer = ProtobufProducers.reliable(broker.bootstrapServers(), "outage-test")) {
            producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey("east", "e1"), plan)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> plans.routerClusters().clusterOf(List.of("127.0.0.98"))
                .filter("east"::equals).isPresent());
    }

    private HttpResponse<String> ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
