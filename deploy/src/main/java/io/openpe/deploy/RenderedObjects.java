package io.openpe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The objects of a multi-document YAML stream, as kustomize prints them. */
public final class RenderedObjects {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RenderedObjects() {
  }

  public static List<JsonNode> parse(String yaml) {
    try {
      return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream()
          .filter(JsonNode::isObject).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("not a YAML stream: " + e.getMessage(), e);
    }
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for a cluster-scoped object. */
  static String describe(JsonNode object) {
    String namespace = object.at("/metadata/namespace").asText("");
    String name = object.at("/metadata/name").asText("?");
    return object.path("kind").asText("?") + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
