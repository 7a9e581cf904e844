package io.openpe.migration.step;

import io.openpe.migration.kube.ObjectRef;

/** An object a step needs, and whether this migration created it ({@code ours}) or found it provisioned. */
public record EnsuredObject(ObjectRef object, boolean ours) {
}
