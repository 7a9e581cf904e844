package io.openpe.migration.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The result of a create: the object now on the API server (ours). {@code now} is false when it was already there
 * from an earlier attempt; it is for logs only, so that a repeated step observes the same thing.
 */
public record Created(ObjectRef object, GenericKubernetesResource current, boolean now) {
}
