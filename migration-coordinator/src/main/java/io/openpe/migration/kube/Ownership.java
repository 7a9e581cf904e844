package io.openpe.migration.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels on every object the coordinator creates. They are how an executor tells its own object (a repeat after a
 * crash) from someone else's with the same name, and how tests and cleanup find everything a migration left.
 */
public final class Ownership {
  public static final String MIGRATION_ID = "migration.openpe.io/id";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "openpe-migration-coordinator";

  private Ownership() {
  }

  /** Labels for an object created by migration {@code migrationId}. */
  public static Map<String, String> labels(String migrationId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(MIGRATION_ID, MigrationNames.requireValidId(migrationId));
    return labels;
  }

  /** Selector of everything the coordinator created, whatever the migration. */
  public static Map<String, String> anyMigration() {
    return Map.of(MANAGED_BY, MANAGER);
  }

  /** The migration that created {@code object}, empty when the coordinator did not create it. */
  public static Optional<String> ownerOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null || !MANAGER.equals(labels.get(MANAGED_BY))) {
      return Optional.empty();
    }
    return Optional.ofNullable(labels.get(MIGRATION_ID));
  }

  public static boolean ownedBy(HasMetadata object, String migrationId) {
    return ownerOf(object).filter(migrationId::equals).isPresent();
  }
}
