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
import java.io.PrintWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Offline plan preview: the plans of nodes node-0..node-(n-1) of an intents directory as Protobuf JSON, with no Kafka
 * and no Kubernetes. The exit codes are part of the command's contract (docs/configuration.md, "Operator commands").
 */
@Command(name = "plan", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Print the plans intent-service would publish for nodes node-0..node-<n-1> of the intents in "
                + "<intents-dir>, as Protobuf JSON (openpe.intent.v1.NodePlan), one object per node. No Kafka, no "
                + "Kubernetes: every node gets the label kubernetes.io/hostname=<node>."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the plans were printed (or written with --out)",
            "1:an intent is invalid (every error is printed, no plan) or --out cannot be written",
            "2:bad usage: a wrong or missing argument, <intents-dir> is not a directory"})
public final class PlanCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<intents-dir>",
            description = "Directory of Underlay, L3VNI and L2VNI YAML files (as intent-service reads with "
                    + "openpe.intents.directory).")
    private Path directory;

    @Option(names = "--nodes", required = true, paramLabel = "<n>",
            description = "Number of nodes to plan, 1 or more: node-0 .. node-<n-1> with node indices 0 .. n-1.")
    private int nodes;

    @Option(names = "--cluster", paramLabel = "<name>", defaultValue = "local",
            description = "Cluster name written into the plans (default: ${DEFAULT-VALUE}).")
    private String cluster;

    @Option(names = "--bmp", paramLabel = "<host:port>", converter = BmpTargetConverter.class,
            description = "BMP target the plans point FRR at (route-service), e.g. 127.0.0.1:5000. Default: none.")
    private BmpTarget bmp;

    @Option(names = "--out", paramLabel = "<dir>",
            description = "Write <dir>/<node>.json (created when missing) instead of printing the plans.")
    private Path outDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;

    private PlanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code plan args}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new PlanCommand(out, err));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setParameterExceptionHandler((e, given) -> {
            err.println("plan: " + e.getMessage());
            err.println(e.getCommandLine().getHelp().synopsis(0).stripTrailing());
            err.println("Run 'plan --help' for every option and the exit codes.");
            return USAGE;
        });
        return command.execute(args.toArray(String[]::new));
    }

    @Override
    public Integer call() {
        if (nodes < 1) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1 or more, got " + nodes);
        }
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "<intents-dir> " + directory
                    + " is not a directory: give the directory holding the intents' YAML files");
        }
        Optional<BmpTarget> bmp = Optional.ofNullable(this.bmp);

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
            return FAILED;
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
            err.println("cannot write plans to " + outDir + ": " + e.getMessage()
                    + "; give --out a directory you can write");
            return FAILED;
        }
        return OK;
    }

    /** {@code host:port}, the port 1..65535. */
    static final class BmpTargetConverter implements CommandLine.ITypeConverter<BmpTarget> {
        @Override
        public BmpTarget convert(String value) {
            int colon = value.lastIndexOf(':');
            try {
                if (colon < 1) {
                    throw new IllegalArgumentException("no port");
                }
                return new BmpTarget(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not <host:port> with a port "
                        + "1..65535, e.g. 127.0.0.1:5000");
            }
        }
    }
}
