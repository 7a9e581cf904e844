package io.openpe.node;

import io.openpe.node.reconcile.RecordingEnactor;
import jakarta.inject.Singleton;

/**
 * Replaces the real enactor in every {@code @QuarkusTest} of this module (the producer is a {@code @DefaultBean}):
 * the in-process agent tests run without root and must never touch this machine's network.
 */
@Singleton
public class RecordingEnactorBean extends RecordingEnactor {
}
