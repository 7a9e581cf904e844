package io.openpe.intent.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.Underlay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads multi-document YAML (as in the seeds) into the api classes, by kind. */
public final class TestManifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private TestManifests() {
  }

  public static List<HasMetadata> parse(String yaml) {
    try {
      List<HasMetadata> out = new ArrayList<>();
      for (JsonNode doc : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        Class<? extends HasMetadata> type = switch (doc.path("kind").asText()) {
          case "Underlay" -> Underlay.class;
          case "L3VNI" -> L3VNI.class;
          case "L2VNI" -> L2VNI.class;
          default -> throw new IllegalArgumentException("unexpected kind " + doc.path("kind"));
        };
        out.add(YAML.treeToValue(doc, type));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HasMetadata one(String yaml) {
    List<HasMetadata> all = parse(yaml);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one document, got " + all.size());
    }
    return all.getFirst();
  }

  public static List<HasMetadata> resource(Class<?> testClass, String suffix) {
    String name = testClass.getSimpleName() + "." + suffix;
    try (InputStream in = testClass.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + name);
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
