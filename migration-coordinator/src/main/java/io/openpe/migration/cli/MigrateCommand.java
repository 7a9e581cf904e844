package io.openpe.migration.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.store.EventCodec;
import io.openpe.migration.v1.CancelRequest;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.ListRequest;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.migration.v1.WatchRequest;
import io.openpe.migration.v1.WatchResponse;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate}: the operator's command against a running coordinator. Exit codes: 0 done (or succeeded when
 * following), 1 the migration ended failed, cancelled or refused, 2 usage error, 3 the coordinator refused or could
 * not be reached.
 */
public final class MigrateCommand {
  static final String HELP = """
      Usage: migrate <command> [options]

      Commands:
        start   --id ID --vm NAMESPACE/NAME --from CLUSTER --to CLUSTER[/NAMESPACE]
                [--network NAME] [--deadline SECONDS] [--follow]
                                 start a migration (a repeated start with the same id is a no-op)
        follow  ID               print the migration's progress until it ends
        get     ID               print the migration's snapshot
        cancel  ID [--reason R]  cancel before the pivot (refused after it, with the reason)
        list                     every migration the coordinator knows

      Options:
        --coordinator HOST:PORT  the coordinator's gRPC address (default localhost:9084, env OPENPE_COORDINATOR)
        --help                   this text

      Exit codes: 0 done, 1 the migration failed, was cancelled or refused, 2 usage, 3 coordinator error.
      """;

  private MigrateCommand() {
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      out.print(HELP);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.getFirst();
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--follow")) {
        options.put("follow", "true");
      } else if (arg.startsWith("--")) {
        if (i + 1 >= args.size()) {
          err.println("migrate: " + arg + " needs a value");
          return 2;
        }
        options.put(arg.substring(2), args.get(++i));
      } else {
        positional.add(arg);
      }
    }
    String coordinator = options.getOrDefault("coordinator",
        System.getenv().getOrDefault("OPENPE_COORDINATOR", "localhost:9084"));
    ManagedChannel channel = ManagedChannelBuilder.forTarget(coordinator).usePlaintext().build();
    try {
      MigrationServiceGrpc.MigrationServiceBlockingStub stub = MigrationServiceGrpc.newBlockingStub(channel);
      return switch (command) {
        case "start" -> start(stub, options, out, err);
        case "follow" -> needsId(positional, err) ? follow(stub, positional.getFirst(), out) : 2;
        case "get" -> {
          if (!needsId(positional, err)) {
            yield 2;
          }
          print(stub.get(GetRequest.newBuilder().setMigrationId(positional.getFirst()).build()).getMigration(), out);
          yield 0;
        }
        case "cancel" -> {
          if (!needsId(positional, err)) {
            yield 2;
          }
          print(stub.cancel(CancelRequest.newBuilder().setMigrationId(positional.getFirst())
              .setReason(options.getOrDefault("reason", "cancelled by an operator")).build()).getMigration(), out);
          yield 0;
        }
        case "list" -> {
          stub.list(ListRequest.getDefaultInstance()).getMigrationsList().forEach(s -> print(s, out));
          yield 0;
        }
        default -> {
          err.println("migrate: unknown command " + command + " (see migrate --help)");
          yield 2;
        }
      };
    } catch (StatusRuntimeException e) {
      err.println("migrate: " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
      return 3;
    } catch (IllegalArgumentException e) {
      err.println("migrate: " + e.getMessage());
      return 2;
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int start(MigrationServiceGrpc.MigrationServiceBlockingStub stub, Map<String, String> options,
      PrintStream out, PrintStream err) {
    for (String required : List.of("id", "vm", "from", "to")) {
      if (!options.containsKey(required)) {
        err.println("migrate start: --" + required + " is required (see migrate --help)");
        return 2;
      }
    }
    String[] vm = options.get("vm").split("/", 2);
    if (vm.length != 2) {
      throw new IllegalArgumentException("--vm must be NAMESPACE/NAME, not " + options.get("vm"));
    }
    String[] to = options.get("to").split("/", 2);
    StartMigration request = StartMigration.newBuilder()
        .setMigrationId(options.get("id"))
        .setVmName(vm[1])
        .setSource(ClusterRef.newBuilder().setName(options.get("from")).setNamespace(vm[0]))
        .setTarget(ClusterRef.newBuilder().setName(to[0]).setNamespace(to.length > 1 ? to[1] : vm[0]))
        .setMigrationNetwork(options.getOrDefault("network", "migration"))
        .setDeadlineSeconds(Integer.parseUnsignedInt(options.getOrDefault("deadline", "0")))
        .build();
    MigrationSnapshot started = stub.start(StartRequest.newBuilder().setMigration(request).build()).getMigration();
    print(started, out);
    return options.containsKey("follow") ? follow(stub, started.getMigrationId(), out) : 0;
  }

  private static int follow(MigrationServiceGrpc.MigrationServiceBlockingStub stub, String id, PrintStream out) {
    Iterator<WatchResponse> events = stub.watch(WatchRequest.newBuilder().setMigrationId(id).build());
    String last = "";
    while (events.hasNext()) {
      MigrationEvent event = events.next().getEvent();
      last = EventCodec.name(event.getKind());
      out.println(Instant.ofEpochSecond(event.getAt().getSeconds(), event.getAt().getNanos()) + "  "
          + phase(event.getPhase().name()) + "  " + (event.getStep().isEmpty() ? "-" : event.getStep()) + "  "
          + last + "  " + event.getMessage()
          + (event.hasPhaseDeadline() ? "  (deadline " + Instant.ofEpochSecond(event.getPhaseDeadline().getSeconds())
              + ")" : ""));
    }
    MigrationSnapshot end = stub.get(GetRequest.newBuilder().setMigrationId(id).build()).getMigration();
    return switch (end.getPhase()) {
      case PHASE_SUCCEEDED -> 0;
      case PHASE_FAILED, PHASE_CANCELLED, PHASE_REFUSED -> 1;
      default -> last.isEmpty() ? 3 : 0;
    };
  }

  private static void print(MigrationSnapshot snapshot, PrintStream out) {
    out.println(snapshot.getMigrationId() + "  " + phase(snapshot.getPhase().name()) + "  "
        + (snapshot.getStep().isEmpty() ? "-" : snapshot.getStep() + "#" + snapshot.getAttempt()) + "  "
        + snapshot.getRequest().getSource().getName() + "/" + snapshot.getRequest().getSource().getNamespace() + "/"
        + snapshot.getRequest().getVmName() + " -> " + snapshot.getRequest().getTarget().getName()
        + (snapshot.getFailureReason().isEmpty() ? "" : "  " + snapshot.getFailureReason())
        + (snapshot.getWarningsCount() == 0 ? "" : "  warnings: " + String.join("; ", snapshot.getWarningsList())));
  }

  private static String phase(String name) {
    return name.replace("PHASE_", "").toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static boolean needsId(List<String> positional, PrintStream err) {
    if (positional.size() != 1) {
      err.println("migrate: give exactly one migration id (see migrate --help)");
      return false;
    }
    return true;
  }
}
