package io.openpe.intent.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.Underlay;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes-style YAML (one or more documents) into the openpe kinds and Nodes. This is how the directory
 * source, the gRPC {@code manifest} field and the offline {@code plan} command read intents.
 *
 * <p>Unlike an API server, unknown fields are an error here: a mistyped {@code vnii:} must not silently become "no
 * VNI". So is a key given twice in one mapping ("file, line N: not valid YAML: Duplicate field 'vni'"). Each document
 * is parsed on its own, so one bad document does not hide the others; YAML that does not parse fails its whole file.
 */
public final class Manifests {

    public static final String API_VERSION = Underlay.GROUP + "/" + Underlay.VERSION;

    // A key given twice is an error naming the line and the key (YAML 1.2 §3.2.1.1 requires unique keys); otherwise
    // the last value would silently win.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Underlay", Underlay.class, "L3VNI", L3VNI.class, "L2VNI", L2VNI.class);

    /** The documents that parsed, and one error line per document that did not. */
    public record Parsed(List<HasMetadata> objects, List<String> errors) {
    }

    private Manifests() {
    }

    /** Parses every document of {@code yaml}; {@code origin} names the source in error messages (a file name). */
    public static Parsed parse(String origin, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            documents = it.readAll();
        } catch (IOException e) {
            errors.add(origin + located(e) + ": not valid YAML: " + firstLine(e));
            return new Parsed(objects, errors);
        }
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                continue;
            }
            String where = origin + " document " + (i + 1);
            try {
                objects.add(toObject(where, document));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return new Parsed(objects, errors);
    }

    private static HasMetadata toObject(String where, JsonNode document) {
        String kind = document.path("kind").asText("");
        String apiVersion = document.path("apiVersion").asText("");
        String name = document.path("metadata").path("name").asText("");
        if (kind.isEmpty()) {
            throw new IllegalArgumentException(where + ": kind is missing");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + kind + ": metadata.name is missing");
        }
        Class<? extends HasMetadata> type;
        if (kind.equals("Node") && apiVersion.equals("v1")) {
            type = Node.class;
        } else if (KINDS.containsKey(kind)) {
            if (!apiVersion.equals(API_VERSION)) {
                throw new IllegalArgumentException(where + ": " + kind + " " + name + ": apiVersion must be "
                        + API_VERSION + ", got \"" + apiVersion + "\"");
            }
            type = KINDS.get(kind);
        } else {
            throw new IllegalArgumentException(where + ": unsupported kind \"" + kind + "\" (apiVersion \""
                    + apiVersion + "\"); expected Underlay, L3VNI, L2VNI or v1 Node");
        }
        try {
            HasMetadata object = YAML.treeToValue(document, type);
            if (!(object instanceof Node) && object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace("default");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": " + kind + " " + name + ": " + firstLine(e));
        }
    }

    /** ", line N" where the parser stopped, when it says. */
    private static String located(IOException e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
            return ", line " + j.getLocation().getLineNr();
        }
        return "";
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            message = message + " (at " + path(m) + ")";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
