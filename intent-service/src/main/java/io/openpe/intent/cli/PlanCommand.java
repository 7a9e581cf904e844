package io.openpe.intent.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.directory.IntentDirectory;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.Node;
import io.openpe.intent.plan.BmpTarget;
import io.openpe.intent.plan.NodePlans;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.PlanProtos;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import io.openpe.intent.validation.ResourceError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offline plan preview: {@code plan <intents-dir> --nodes <n> [--cluster <name>] [--bmp <host:port>] [--out <dir>]}.
 * Prints the plans of nodes node-0..node-(n-1) as Protobuf JSON, one object per node (or writes
 * {@code <dir>/<node>.json}), with no Kafka and no Kubernetes. Exits 1 with every error when an intent is invalid,
 * 2 on bad usage.
 */
public final class PlanCommand {

    static final String USAGE = "usage: plan <intents-dir> --nodes <n> [--cluster <name>] [--bmp <host:port>] [--out <dir>]";

    private PlanCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path directory = null;
        int nodes = -1;
        String cluster = "local";
        Optional<BmpTarget> bmp = Optional.empty();
        Path outDir = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--nodes" -> nodes = Integer.parseInt(value(args, ++i, arg));
                    case "--cluster" -> cluster = value(args, ++i, arg);
                    case "--out" -> outDir = Path.of(value(args, ++i, arg));
                    case "--bmp" -> {
                        String target = value(args, ++i, arg);
                        int colon = target.lastIndexOf(':');
                        bmp = Optional.of(new BmpTarget(target.substring(0, colon),
                                Integer.parseInt(target.substring(colon + 1))));
                    }
                    default -> {
                        if (arg.startsWith("--") || directory != null) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        directory = Path.of(arg);
                    }
                }
            }
            if (directory == null || nodes < 1) {
                throw new IllegalArgumentException("an intents directory and --nodes >= 1 are required");
            }
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isDirectory(directory)) {
            err.println("not a directory: " + directory);
            return 2;
        }

        IntentDirectory.Snapshot snapshot = new IntentDirectory(directory).scan();
        List<String> errors = new ArrayList<>(snapshot.errors());
        List<Intent> accepted = new ArrayList<>();
        for (HasMetadata object : snapshot.intents()) {
            object.getMetadata().setGeneration(1L);
            switch (IntentValidation.validateObject(object, Optional.empty())) {
                case ObjectValidation.Accepted a -> accepted.add(a.intent());
                case ObjectValidation.Rejected r -> r.errors().forEach(e -> errors.add(e.message()));
            }
        }
        ConflictResolution resolution = IntentValidation.resolveConflicts(Intents.of(accepted));
        resolution.rejected().stream().map(ResourceError::message).forEach(errors::add);
        if (!errors.isEmpty()) {
            errors.forEach(err::println);
            err.println(errors.size() + " error(s); no plans printed");
            return 1;
        }

        PlanSettings settings = new PlanSettings(bmp, 1500, 4789);
        JsonFormat.Printer json = JsonFormat.printer();
        try {
            if (outDir != null) {
                Files.createDirectories(outDir);
            }
            List<Node> all = new ArrayList<>();
            for (int index = 0; index < nodes; index++) {
                all.add(new Node("node-" + index, index, Map.of("kubernetes.io/hostname", "node-" + index)));
            }
            var planned = NodePlans.forNodes(cluster, all, resolution.winners(), settings);
            for (Node node : all) {
                String name = node.name();
                var plan = PlanProtos.numbered(PlanProtos.toProto(planned.get(name)), 1);
                String text = json.print(plan);
                if (outDir == null) {
                    out.println(text);
                } else {
                    Files.writeString(outDir.resolve(name + ".json"), text + "\n");
                    out.println("wrote " + outDir.resolve(name + ".json"));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            err.println("cannot write plans: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("missing value for " + flag);
        }
        return args.get(i);
    }
}
