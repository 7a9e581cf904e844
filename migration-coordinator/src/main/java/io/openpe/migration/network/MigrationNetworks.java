package io.openpe.migration.network;

import java.util.Map;
import java.util.TreeMap;

/** The migration networks a start request may name (proto {@code StartMigration.migration_network}). */
public record MigrationNetworks(Map<String, MigrationNetwork> byName) {
  public MigrationNetworks {
    byName = Map.copyOf(new TreeMap<>(byName));
  }

  /** @throws IllegalArgumentException naming the network when it is not configured */
  public MigrationNetwork get(String name) {
    MigrationNetwork network = byName.get(name);
    if (network == null) {
      throw new IllegalArgumentException("migration network " + name + " is not configured (known: "
          + new TreeMap<>(byName).keySet() + ")");
    }
    return network;
  }
}
