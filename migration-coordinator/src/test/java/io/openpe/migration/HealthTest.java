package io.openpe.migration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.testkit.health.HealthContract;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest extends HealthContract {

  @TestHTTPResource("/q/health/ready")
  URI ready;

  /** First: the contract's checks hold once the decider has joined its group and runs. */
  @Test
  @Order(1)
  void readinessIncludesTheRunningDecider() {
    HttpResponse<String> response = await().atMost(Duration.ofSeconds(60)).until(
        () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(),
            HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
    assertTrue(response.body().contains("\"saga decider\""), response.body());
    assertTrue(response.body().contains("\"state\": \"RUNNING\""), response.body());
  }
}
