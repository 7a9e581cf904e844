package io.openpe.intent.directory;

import io.fabric8.kubernetes.api.model.Node;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.trace.ArrivalSpans;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.v1.Source;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Feeds a directory of intents into the reconciler: whenever a file changes, the directory's objects replace those
 * the directory defined before (a removed file deletes its objects). When the directory holds Node objects and
 * Kubernetes is off, they are the cluster's nodes.
 */
public final class DirectorySource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DirectorySource.class);

    private final IntentDirectory directory;
    private final IntentReconciler reconciler;
    private final boolean nodesFromDirectory;
    private final ArrivalSpans arrivals;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("intent-directory").unstarted(r));

    public DirectorySource(IntentDirectory directory, IntentReconciler reconciler, boolean nodesFromDirectory) {
        this(directory, reconciler, nodesFromDirectory, ArrivalSpans.off());
    }

    /** @param arrivals each read of a changed directory is the start of a trace ({@code intents directory sync}) */
    public DirectorySource(IntentDirectory directory, IntentReconciler reconciler, boolean nodesFromDirectory,
            ArrivalSpans arrivals) {
        this.directory = directory;
        this.reconciler = reconciler;
        this.nodesFromDirectory = nodesFromDirectory;
        this.arrivals = arrivals;
    }

    /** Reads the directory now, then again every {@code intervalMillis} when something changed. */
    public void start(long intervalMillis) {
        sync();
        poller.scheduleWithFixedDelay(() -> {
            try {
                if (directory.changed()) {
                    sync();
                }
            } catch (RuntimeException e) {
                // The next poll retries; a Kafka outage blocks inside the reconciler instead.
                LOG.errorf(e, "reading intents directory %s failed", directory.path());
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void sync() {
        arrivals.run("intents directory sync", "directory", Map.of("openpe.intent.directory",
                directory.path().toString()), this::syncNow);
    }

    private void syncNow() {
        IntentDirectory.Snapshot snapshot = directory.scan();
        snapshot.errors().forEach(error -> LOG.errorf("intents directory %s: %s", directory.path(), error));
        reconciler.replaceSource(Source.SOURCE_DIRECTORY, snapshot.intents(),
                nodesFromDirectory && snapshot.hasNodes() ? Optional.of(snapshot.nodes()) : Optional.empty());
        // The objects of a file that no longer parses keep their last good version; their status says why.
        for (IntentDirectory.Kept kept : snapshot.kept()) {
            String reason = "file " + kept.file() + " does not parse, its last good version stays in force: "
                    + String.join("; ", kept.errors());
            reconciler.keptLastGood(kept.objects().stream().filter(o -> !(o instanceof Node))
                    .map(IntentValidation::idOf).toList(), reason);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
