package io.openpe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.openpe.proto.kafka.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The top-level {@code docker-compose.yml} agrees with the rest of the project: its topics are proto's
 * {@link Topics#ALL}, each service is built from its module's Dockerfile with the version the Kubernetes manifests
 * deploy, and health-checks the port its {@code application.properties} serves. (Its syntax is checked by
 * {@code docker-compose config} in {@code .ci/run}.)
 */
class ComposeTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> SERVICES = List.of("intent-service", "route-service", "node-programmer",
      "migration-coordinator");
  private static JsonNode compose;

  @BeforeAll
  static void read() throws IOException {
    compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
  }

  @Test
  void theTopicsAreProtosWithTheirCleanupPolicies() {
    Set<String> compose = Arrays.stream(ComposeTest.compose.at("/services/topics/environment/OPENPE_TOPICS").asText()
        .trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = Topics.ALL.stream().map(t -> t.name() + "=" + t.cleanupPolicy())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, compose);
  }

  @Test
  void eachServiceIsBuiltFromItsModuleWithTheImageKubernetesDeploys() throws Exception {
    Set<String> deployed = new TreeSet<>();
    for (JsonNode object : OverlaysTest.render("cluster-a")) {
      object.at("/spec/template/spec/containers").forEach(c -> {
        if (c.path("image").asText().startsWith("openpe/")) {
          deployed.add(c.path("image").asText());
        }
      });
    }
    assertEquals(SERVICES.stream().map(s -> compose.at("/services/" + s + "/image").asText())
        .collect(Collectors.toCollection(TreeSet::new)), deployed);
    for (String service : SERVICES) {
      JsonNode s = compose.at("/services/" + service);
      Path context = ROOT.resolve(s.at("/build/context").asText());
      assertEquals(ROOT.resolve(service).normalize(), context.normalize(), service + " build context");
      Path dockerfile = context.resolve(s.at("/build/dockerfile").asText());
      assertTrue(Files.isRegularFile(dockerfile), dockerfile + " missing");
      assertTrue(Files.readString(dockerfile).contains("target/quarkus-app/quarkus-run.jar"),
          dockerfile + " does not use the fast-jar layout");
    }
  }

  @Test
  void eachServiceHealthChecksTheReadinessOfItsOwnPort() throws IOException {
    for (String service : SERVICES) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
        properties.load(in);
      }
      String port = properties.getProperty("quarkus.http.port");
      String test = compose.at("/services/" + service + "/healthcheck/test").toString();
      assertTrue(test.contains("http://localhost:" + port + "/q/health/ready"), service + ": " + test);
    }
  }

  @Test
  void frrRunsBesideNodeProgrammer() {
    Set<String> agent = volumes("node-programmer");
    Set<String> frr = volumes("frr");
    assertTrue(agent.contains("frr-sockets:/var/run/frr") && frr.contains("frr-sockets:/var/run/frr"), agent + " " + frr);
    assertTrue(agent.contains("frr-config:/etc/frr") && frr.contains("frr-config:/etc/frr"), agent + " " + frr);
    assertEquals("host", compose.at("/services/node-programmer/network_mode").asText());
    assertEquals("/var/run/frr", compose.at("/services/node-programmer/environment/OPENPE_NODE_FRR_VTY_DIR").asText());
  }

  private static Set<String> volumes(String service) {
    Set<String> found = new TreeSet<>();
    compose.at("/services/" + service + "/volumes").forEach(v -> found.add(v.isTextual() ? v.asText()
        : v.path("source").asText() + ":" + v.path("target").asText()));
    return found;
  }
}
