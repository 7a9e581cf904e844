package io.openpe.migration.step;

import io.openpe.migration.kube.ObjectRef;

/** The VMIM with {@code spec.receive.migrationID} on the target cluster. */
public record TargetMigration(ObjectRef vmim) {
}
