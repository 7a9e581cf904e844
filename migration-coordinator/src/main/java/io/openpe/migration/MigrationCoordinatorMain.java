package io.openpe.migration;

import io.openpe.migration.cli.MigrateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code migrate ...} talks to a running coordinator over gRPC (start, follow, get, cancel, list) and
 * starts nothing itself; with no arguments the coordinator starts as usual.
 */
@QuarkusMain
public class MigrationCoordinatorMain {

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals("migrate")) {
      System.exit(MigrateCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
    }
    Quarkus.run(args);
  }
}
