package io.openpe.intent.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.Underlay;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.reconcile.StatusSink;
import io.openpe.intent.trace.ArrivalSpans;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.v1.Source;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Kubernetes as an intent source: informers on Underlay, L3VNI, L2VNI (all namespaces) and Node feed the reconciler;
 * node indices are persisted as the annotation {@value NodeIndexAnnotation#KEY}; status goes back to each object.
 */
@ApplicationScoped
public class KubernetesSource {

    private static final Logger LOG = Logger.getLogger(KubernetesSource.class);

    private final KubernetesClient client;
    private final IntentReconciler reconciler;
    private final ArrivalSpans arrivals;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Node> nodeInformer;

    @Inject
    public KubernetesSource(KubernetesClient client, IntentReconciler reconciler, OpenTelemetry openTelemetry) {
        this.client = client;
        this.reconciler = reconciler;
        this.arrivals = new ArrivalSpans(openTelemetry);
    }

    public void start() {
        reconciler.statusSink(StatusSink.both(new StatusWriter(client), new FleetEvents(client, Clock.systemUTC())));
        reconciler.nodeIndexListener(this::annotateNodes);
        // Built before it runs, so the handlers can read its store from the first event on.
        nodeInformer = client.nodes().runnableInformer(0);
        nodeInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                syncNodes("add", node);
            }

            @Override
            public void onUpdate(Node before, Node after) {
                if (!labels(before).equals(labels(after)) || !NodeIndexAnnotation.read(before).equals(NodeIndexAnnotation.read(after))) {
                    syncNodes("update", after);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                syncNodes("delete", node);
            }
        });
        nodeInformer.run();
        syncNodes();
        informers.add(client.resources(Underlay.class).inAnyNamespace().inform(new IntentHandler<>()));
        informers.add(client.resources(L3VNI.class).inAnyNamespace().inform(new IntentHandler<>()));
        informers.add(client.resources(L2VNI.class).inAnyNamespace().inform(new IntentHandler<>()));
        LOG.info("watching Underlay, L3VNI, L2VNI and Node on the Kubernetes API server");
    }

    /** A node event is an arrival too: a node joining or relabelled changes plans. */
    private void syncNodes(String event, Node node) {
        arrivals.run("kubernetes " + event + " Node", "kubernetes", Map.of("openpe.intent.object",
                "Node " + node.getMetadata().getName()), this::syncNodes);
    }

    private synchronized void syncNodes() {
        Map<String, Map<String, String>> labels = new TreeMap<>();
        Map<String, Integer> annotated = new HashMap<>();
        for (Node node : nodeInformer.getStore().list()) {
            String name = node.getMetadata().getName();
            labels.put(name, labels(node));
            NodeIndexAnnotation.read(node).ifPresent(index -> annotated.put(name, index));
        }
        reconciler.setNodes(labels, annotated);
    }

    private void annotateNodes(Map<String, Integer> indexes) {
        indexes.forEach((name, index) -> {
            Node node = nodeInformer == null ? null : nodeInformer.getStore().getByKey(name);
            if (node != null && !NodeIndexAnnotation.read(node).equals(java.util.Optional.of(index))) {
                try {
                    client.nodes().withName(name).edit(n -> NodeIndexAnnotation.write(n, index));
                } catch (RuntimeException e) {
                    LOG.warnf(e, "could not annotate node %s with index %d; retried on the next node change", name, index);
                }
            }
        });
    }

    private static Map<String, String> labels(Node node) {
        return node.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(node.getMetadata().getLabels());
    }

    @PreDestroy
    void stop() {
        informers.forEach(SharedIndexInformer::close);
        if (nodeInformer != null) {
            nodeInformer.close();
        }
    }

    /**
     * Every add or update is submitted as is (the reconciler ignores status-only changes); deletes delete. Each event
     * starts a trace, except an update that leaves {@code metadata.generation} as it was (a status or metadata write,
     * openpe's own among them), which changes no plan.
     */
    private final class IntentHandler<T extends HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T object) {
            arrival("add", object, () -> reconciler.apply(object, Source.SOURCE_KUBERNETES));
        }

        @Override
        public void onUpdate(T before, T after) {
            Long generation = after.getMetadata().getGeneration();
            if (generation != null && generation.equals(before.getMetadata().getGeneration())) {
                reconciler.apply(after, Source.SOURCE_KUBERNETES);
            } else {
                arrival("update", after, () -> reconciler.apply(after, Source.SOURCE_KUBERNETES));
            }
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            arrival("delete", object, () -> reconciler.delete(IntentValidation.idOf(object)));
        }

        private void arrival(String event, T object, Runnable change) {
            arrivals.run("kubernetes " + event + " " + object.getKind(), "kubernetes", Map.of("openpe.intent.object",
                    object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName()),
                    change);
        }
    }
}
