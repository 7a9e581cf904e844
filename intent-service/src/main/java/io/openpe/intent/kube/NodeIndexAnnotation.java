package io.openpe.intent.kube;

import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The node index as persisted on the Node object, so it survives intent-service restarts and topic loss. */
final class NodeIndexAnnotation {

    static final String KEY = "openpe.io/nodeindex";

    private NodeIndexAnnotation() {
    }

    static Optional<Integer> read(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(KEY)) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(annotations.get(KEY));
            return index >= 0 ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Node write(Node node, int index) {
        Map<String, String> annotations = node.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(node.getMetadata().getAnnotations());
        annotations.put(KEY, Integer.toString(index));
        node.getMetadata().setAnnotations(annotations);
        return node;
    }
}
