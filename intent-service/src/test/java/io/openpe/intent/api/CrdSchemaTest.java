package io.openpe.intent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated CRDs refuse invalid objects by their own openAPIV3Schema, before the Java validator sees anything:
 * each CRD's schema (as the build generated it into {@code target/crds}) is loaded into a JSON-schema validator and
 * objects are checked against it. OpenAPI v3 schemas are the draft-4 vocabulary plus {@code x-kubernetes-*}
 * extensions, which the validator ignores; the CEL rules among them are checked in {@code CrdCelRulesTest}.
 */
class CrdSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path EXAMPLES = Path.of("..", "k8s", "examples", "local");
  private static JsonSchema underlay;
  private static JsonSchema l3vni;
  private static JsonSchema l2vni;

  @BeforeAll
  static void loadGeneratedSchemas() throws IOException {
    underlay = schema("underlays");
    l3vni = schema("l3vnis");
    l2vni = schema("l2vnis");
  }

  static JsonNode openApiSchema(String plural) throws IOException {
    JsonNode crd = YAML.readTree(GeneratedCrdsTest.GENERATED.resolve(plural + ".openpe.openperouter.github.io-v1.yml")
        .toFile());
    return crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }

  private static JsonSchema schema(String plural) throws IOException {
    JsonNode schema = openApiSchema(plural);
    assertTrue(schema.isObject(), "no openAPIV3Schema in the generated CRD for " + plural);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
  }

  @Test
  void everyShippedExampleIsAccepted() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(EXAMPLES)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int checked = 0;
    for (Path file : files) {
      for (JsonNode object : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
        JsonSchema schema = switch (object.path("kind").asText()) {
          case "Underlay" -> underlay;
          case "L3VNI" -> l3vni;
          case "L2VNI" -> l2vni;
          default -> null;
        };
        if (schema != null) {
          assertEquals(Set.of(), messages(schema, object), file + " " + object.at("/metadata/name").asText());
          checked++;
        }
      }
    }
    assertTrue(checked >= 4, "expected the seeds' Underlay, L3VNI and L2VNIs, checked " + checked);
  }

  @Test
  void vniZeroIsRefused() {
    assertRefused(l3vni, l3vni("vni: 0"), "$.spec.vni", "minimum");
    assertRefused(l2vni, l2vni("vni: 0"), "$.spec.vni", "minimum");
  }

  @Test
  void vniAboveTwentyFourBitsIsRefused() {
    assertRefused(l3vni, l3vni("vni: 16777216"), "$.spec.vni", "maximum");
  }

  @Test
  void aVniIsRequired() {
    assertRefused(l3vni, object("L3VNI", "vrf: red"), "$.spec", "vni");
  }

  @Test
  void aVrfNameOfSixteenCharactersIsRefused() {
    assertRefused(l3vni, l3vni("vrf: abcdefghijklmnop"), "$.spec.vrf", "maxLength");
    assertRefused(l2vni, l2vni("vrf: abcdefghijklmnop"), "$.spec.vrf", "maxLength");
  }

  @Test
  void aVrfNameOfFifteenCharactersIsAccepted() {
    assertEquals(Set.of(), messages(l3vni, l3vni("vrf: abcdefghijklmno")));
  }

  @Test
  void aVrfNameThatIsNoInterfaceNameIsRefused() {
    assertRefused(l3vni, l3vni("vrf: 1red"), "$.spec.vrf", "pattern");
    assertRefused(l3vni, l3vni("vrf: 'red blue'"), "$.spec.vrf", "pattern");
  }

  @Test
  void aGatewayThatIsNoAddressWithPrefixIsRefused() {
    assertRefused(l2vni, l2vni("l2gatewayip: 192.170.1.1"), "$.spec.l2gatewayip", "pattern");
    assertRefused(l2vni, l2vni("l2gatewayip: 192.170.1.256/24"), "$.spec.l2gatewayip", "pattern");
    assertRefused(l2vni, l2vni("l2gatewayip: 192.170.1.1/33"), "$.spec.l2gatewayip", "pattern");
    assertEquals(Set.of(), messages(l2vni, l2vni("l2gatewayip: 'fd00:10::1/64'")));
  }

  @Test
  void localCidrsAreChecked() {
    assertRefused(l3vni, l3vni("localcidr: {ipv4: 192.169.10.0/33}"), "$.spec.localcidr.ipv4", "pattern");
    assertRefused(l3vni, l3vni("localcidr: {ipv6: 192.169.10.0/24}"), "$.spec.localcidr.ipv6", "pattern");
  }

  @Test
  void asnsAndPortsAreRanged() {
    assertRefused(l3vni, l3vni("hostasn: 4294967296"), "$.spec.hostasn", "maximum");
    assertRefused(l3vni, l3vni("vxlanport: 0"), "$.spec.vxlanport", "minimum");
    assertRefused(underlay, underlay("asn: 0"), "$.spec.asn", "minimum");
  }

  @Test
  void routeTargetsHaveTheirShape() {
    assertRefused(l3vni, l3vni("exportRTs: ['64514']"), "$.spec.exportRTs[0]", "pattern");
    assertEquals(Set.of(), messages(l3vni, l3vni("importRTs: ['64514:100', '10.0.0.1:7']")));
  }

  @Test
  void anUnderlayNeedsItsVtepPoolNicsAndNeighbors() {
    assertRefused(underlay, object("Underlay", "asn: 64514"), "$.spec", "evpn");
    assertRefused(underlay, underlay("evpn: {vtepcidr: 100.65.0.0}"), "$.spec.evpn.vtepcidr", "pattern");
    assertRefused(underlay, underlay("nics: []"), "$.spec.nics", "minItems");
    assertRefused(underlay, underlay("nics: ['to switch']"), "$.spec.nics[0]", "pattern");
    assertRefused(underlay, underlay("neighbors: [{asn: 64512, address: 192.168.11}]"),
        "$.spec.neighbors[0].address", "pattern");
  }

  @Test
  void aHostBridgeHasAKnownType() {
    assertRefused(l2vni, l2vni("hostmaster: {type: ovs-bridge, autocreate: true}"), "$.spec.hostmaster.type", "pattern");
  }

  private static void assertRefused(JsonSchema schema, JsonNode object, String path, String keyword) {
    Set<String> found = messages(schema, object);
    assertTrue(found.stream().anyMatch(m -> m.startsWith(path + " ") && m.contains(keyword)),
        "expected a " + keyword + " error at " + path + ", got " + found);
  }

  private static Set<String> messages(JsonSchema schema, JsonNode object) {
    return schema.validate(object).stream().map(m -> m.getInstanceLocation() + " " + m.getType() + ": "
        + m.getMessage()).collect(Collectors.toSet());
  }

  /** A valid object of the kind with {@code override} (one YAML mapping entry of spec) replacing or adding a field. */
  private static JsonNode l3vni(String override) {
    return valid("L3VNI", "{vni: 100, vrf: red, asn: 64514, hostasn: 64515, localcidr: {ipv4: 192.169.10.0/24}}",
        override);
  }

  private static JsonNode l2vni(String override) {
    return valid("L2VNI", "{vni: 110, vrf: red, l2gatewayip: 192.170.1.1/24, hostmaster: {type: bridge, autocreate: true}}",
        override);
  }

  private static JsonNode underlay(String override) {
    return valid("Underlay", "{asn: 64514, evpn: {vtepcidr: 100.65.0.0/24}, nics: [toswitch],"
        + " neighbors: [{asn: 64512, address: 192.168.11.2}]}", override);
  }

  private static JsonNode valid(String kind, String spec, String override) {
    try {
      ObjectNode base = (ObjectNode) YAML.readTree(spec);
      base.setAll((ObjectNode) YAML.readTree("{" + override + "}"));
      return document(kind, base);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode object(String kind, String spec) {
    try {
      return document(kind, YAML.readTree("{" + spec + "}"));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode document(String kind, JsonNode spec) {
    ObjectNode doc = YAML.createObjectNode();
    doc.put("apiVersion", Underlay.GROUP + "/" + Underlay.VERSION);
    doc.put("kind", kind);
    doc.putObject("metadata").put("name", "red").put("namespace", "openperouter-system");
    doc.set("spec", spec);
    return doc;
  }
}
