package io.openpe.migration.step;

import io.openpe.migration.kube.ObjectRef;

/** The VMIM with {@code spec.sendTo.{migrationID, connectURL}} on the source cluster. */
public record SourceMigration(ObjectRef vmim, String connectUrl) {
}
