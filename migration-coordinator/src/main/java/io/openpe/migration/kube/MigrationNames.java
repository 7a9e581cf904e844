package io.openpe.migration.kube;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names derived from the migration id, each with its reverse parse (STYLE rule 6). The id doubles as KubeVirt's
 * {@code migrationID} (the VEP suggests the orchestrator's own identifier) and as a label value, hence the DNS label
 * rule and the length limit, which leaves room for the {@code -target}/{@code -source} suffixes.
 */
public final class MigrationNames {
  public static final int MAX_ID_LENGTH = 50;
  public static final Pattern VALID_ID = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final String PREFIX = "mc-";
  private static final String TARGET = "-target";
  private static final String SOURCE = "-source";

  private MigrationNames() {
  }

  /** @throws IllegalArgumentException naming the rule the id breaks */
  public static String requireValidId(String migrationId) {
    if (migrationId == null || migrationId.isEmpty()) {
      throw new IllegalArgumentException("migration id must not be empty");
    }
    if (migrationId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("migration id must be at most " + MAX_ID_LENGTH + " characters, got "
          + migrationId.length() + " in \"" + migrationId + "\"");
    }
    if (!VALID_ID.matcher(migrationId).matches()) {
      throw new IllegalArgumentException("migration id must be a DNS label (" + VALID_ID.pattern() + "), got \""
          + migrationId + "\"");
    }
    return migrationId;
  }

  /** The VirtualMachineInstanceMigration with {@code spec.receive} on the target cluster. */
  public static String targetMigration(String migrationId) {
    return PREFIX + requireValidId(migrationId) + TARGET;
  }

  /** The VirtualMachineInstanceMigration with {@code spec.sendTo} on the source cluster. */
  public static String sourceMigration(String migrationId) {
    return PREFIX + requireValidId(migrationId) + SOURCE;
  }

  /** The migration id of a name made by {@link #targetMigration} or {@link #sourceMigration}. */
  public static Optional<String> migrationIdOf(String vmimName) {
    if (vmimName == null || !vmimName.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest;
    if (vmimName.endsWith(TARGET)) {
      rest = vmimName.substring(PREFIX.length(), vmimName.length() - TARGET.length());
    } else if (vmimName.endsWith(SOURCE)) {
      rest = vmimName.substring(PREFIX.length(), vmimName.length() - SOURCE.length());
    } else {
      return Optional.empty();
    }
    return rest.length() <= MAX_ID_LENGTH && VALID_ID.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
  }
}
