package io.openpe.intent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the generated CRDs, compiled and evaluated with Google's CEL
 * library the way the API server runs them: {@code self} is the field's new value, {@code oldSelf} its stored one (a
 * transition rule runs on update only). The API server adds Kubernetes' own CEL functions; these rules use none.
 */
class CrdCelRulesTest {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).addVar("oldSelf", SimpleType.DYN).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<String, Map<String, String>> RULES = new HashMap<>();

  @BeforeAll
  static void collectRules() throws IOException {
    for (String plural : List.of("underlays", "l3vnis", "l2vnis")) {
      Map<String, String> byPath = new HashMap<>();
      collect(CrdSchemaTest.openApiSchema(plural), "", byPath);
      RULES.put(plural, byPath);
    }
  }

  @Test
  void theGeneratedRulesAreThoseTheDesignAsksFor() {
    assertEquals(Map.of(".spec.l2gatewayip", SchemaRules.IMMUTABLE), RULES.get("l2vnis"));
    assertEquals(List.of("", ".spec.localcidr"), RULES.get("l3vnis").keySet().stream().sorted().toList());
    assertEquals(SchemaRules.IMMUTABLE, RULES.get("l3vnis").get(".spec.localcidr"));
    assertEquals(Map.of(), RULES.get("underlays"));
  }

  @Test
  void aChangedGatewayIsRefused() throws Exception {
    String rule = RULES.get("l2vnis").get(".spec.l2gatewayip");
    assertEquals(false, eval(rule, "192.170.1.2/24", "192.170.1.1/24"));
    assertEquals(true, eval(rule, "192.170.1.1/24", "192.170.1.1/24"));
  }

  @Test
  void aChangedLocalCidrIsRefused() throws Exception {
    String rule = RULES.get("l3vnis").get(".spec.localcidr");
    assertEquals(false, eval(rule, Map.of("ipv4", "192.169.11.0/24"), Map.of("ipv4", "192.169.10.0/24")));
    assertEquals(false, eval(rule, Map.of("ipv4", "192.169.10.0/24", "ipv6", "fd00::/64"),
        Map.of("ipv4", "192.169.10.0/24")));
    assertEquals(true, eval(rule, Map.of("ipv4", "192.169.10.0/24"), Map.of("ipv4", "192.169.10.0/24")));
  }

  @Test
  void withoutAVrfTheNameMustBeAVrfName() throws Exception {
    String rule = RULES.get("l3vnis").get("");
    assertEquals(false, eval(rule, l3vni("abcdefghijklmnop", null), null));
    assertEquals(false, eval(rule, l3vni("red.blue", null), null));
    assertEquals(true, eval(rule, l3vni("red", null), null));
    assertEquals(true, eval(rule, l3vni("abcdefghijklmnop", "red"), null));
  }

  private static Map<String, Object> l3vni(String name, String vrf) {
    Map<String, Object> spec = new HashMap<>(Map.of("vni", 100L));
    if (vrf != null) {
      spec.put("vrf", vrf);
    }
    return Map.of("metadata", Map.of("name", name), "spec", spec);
  }

  private static Object eval(String rule, Object self, Object oldSelf) throws Exception {
    CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
    Map<String, Object> variables = new HashMap<>();
    variables.put("self", self);
    if (oldSelf != null) {
      variables.put("oldSelf", oldSelf);
    }
    return RUNTIME.createProgram(ast).eval(variables);
  }

  /** Every rule of the schema by the path of the node it sits on ({@code ""} for the object itself). */
  private static void collect(JsonNode schema, String path, Map<String, String> into) {
    List<String> rules = new ArrayList<>();
    schema.path("x-kubernetes-validations").forEach(v -> rules.add(v.path("rule").asText()));
    assertTrue(rules.size() <= 1, "one rule per node expected at " + path + ": " + rules);
    rules.forEach(r -> into.put(path, r));
    schema.path("properties").properties().forEach(e -> collect(e.getValue(), path + "." + e.getKey(), into));
    if (schema.has("items")) {
      collect(schema.get("items"), path + "[]", into);
    }
  }
}
