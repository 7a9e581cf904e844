package io.openpe.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openpe.node.NodeEnactors;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.desired.PlanValidation;
import io.openpe.node.intake.PlanJson;
import io.openpe.node.linux.Enactment;
import io.openpe.node.linux.VrfDatapath;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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
 * Converges the node once to a plan in the Protobuf JSON mapping and prints the result as one JSON object. A plan
 * that breaks the rules ({@link PlanValidation}, as the agent checks plans from Kafka) is refused before anything is
 * touched. The exit codes are part of the command's contract (docs/configuration.md, "Operator commands").
 */
@Command(name = "apply", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Converge this machine's kernel objects and FRR to <plan.json> once (as root), then print the "
                + "per-object result as one JSON object. No Kafka, no ports."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every object applied",
            "1:an object failed (its state and reason are in the printed results)",
            "2:bad usage: a wrong or missing argument, or <plan.json> cannot be read or parsed",
            "3:the plan is refused: a field breaks the rules; nothing was touched, the errors are printed as JSON"})
public final class ApplyCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Exit code of a refused plan. */
    public static final int REFUSED = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<plan.json>",
            description = "One node's plan, Protobuf JSON of openpe.intent.v1.NodePlan (as 'plan --out' writes).")
    private Path planFile;

    @Option(names = "--router-netns", paramLabel = "<name>", defaultValue = Namespaces.DEFAULT_ROUTER,
            description = "Network namespace of the router side (FRR, VRFs, VXLAN). Default: ${DEFAULT-VALUE}.")
    private String router;

    @Option(names = "--host-netns", paramLabel = "<name>",
            description = "Network namespace of the host side of the veths. Default: the namespace this runs in.")
    private String host;

    @Option(names = "--frr-vty-dir", paramLabel = "<dir>",
            description = "Directory of FRR's vty sockets; with --frr-config-dir. Default: FRR is not configured.")
    private String vtyDir;

    @Option(names = "--frr-config-dir", paramLabel = "<dir>",
            description = "Directory of FRR's configuration (frr.conf); with --frr-vty-dir.")
    private String configDir;

    @Option(names = "--vrf-datapath", paramLabel = "<kernel|netns|auto>", defaultValue = "kernel",
            description = "How VRFs are built: kernel VRF devices, network namespaces (FRR zebra -n), or auto "
                    + "(namespaces when the kernel cannot create a VRF). Default: ${DEFAULT-VALUE}.")
    private String vrfDatapath;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;

    private ApplyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code apply args}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new ApplyCommand(out, err));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setParameterExceptionHandler((e, given) -> {
            err.println("apply: " + e.getMessage());
            err.println(e.getCommandLine().getHelp().synopsis(0).stripTrailing());
            err.println("Run 'apply --help' for every option and the exit codes.");
            return USAGE;
        });
        return command.execute(args.toArray(String[]::new));
    }

    @Override
    public Integer call() {
        if ((vtyDir == null) != (configDir == null)) {
            throw new ParameterException(spec.commandLine(), "--frr-vty-dir and --frr-config-dir go together: give "
                    + "both to configure FRR, or neither to leave FRR alone");
        }
        NodePlan plan;
        try {
            plan = PlanJson.fromJson(Files.readString(planFile));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read plan " + planFile + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                    + "; give a NodePlan in Protobuf JSON, as 'plan --out <dir>' writes");
        }
        List<FieldError> errors = PlanValidation.errorsOf(plan);
        if (!errors.isEmpty()) {
            PlanRefusal refusal = new PlanRefusal(plan.generation(), plan.contentHash(), errors);
            out.println(refusalToJson(refusal));
            err.println(refusal.summary());
            return REFUSED;
        }
        VrfDatapath.Choice datapath;
        try {
            datapath = VrfDatapath.choose(vrfDatapath);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Enactment enactment = NodeEnactors.forConfig(new Namespaces(router, Optional.ofNullable(host)),
                Optional.ofNullable(vtyDir), Optional.ofNullable(configDir), datapath).apply(plan);
        out.println(toJson(enactment));
        return enactment.failed() ? FAILED : OK;
    }

    static String refusalToJson(PlanRefusal refusal) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("generation", refusal.generation());
        root.put("refused", true);
        ArrayNode errors = root.putArray("errors");
        for (FieldError error : refusal.errors()) {
            ObjectNode entry = errors.addObject().put("field", error.field()).put("reason", error.reason());
            error.source().ifPresent(s -> entry.put("source", s.toString()));
        }
        return root.toString();
    }

    static String toJson(Enactment enactment) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("generation", enactment.generation());
        root.put("planHash", enactment.planHash());
        root.put("kernelWrites", enactment.kernelWrites());
        root.put("frrReloaded", enactment.frrReloaded());
        enactment.frr().ifPresent(f -> root.put("frrConfigHash", f.runningConfigHash()));
        root.put("failed", enactment.failed());
        ArrayNode results = root.putArray("results");
        for (ObjectResult r : enactment.results()) {
            ObjectNode result = results.addObject();
            result.put("object", r.object());
            result.put("state", r.state().name());
            r.source().ifPresent(s -> result.put("source", s.toString()));
            if (!r.reason().isEmpty()) {
                result.put("reason", r.reason());
            }
        }
        ArrayNode capabilities = root.putArray("capabilities");
        enactment.kernel().capabilities().forEach(c -> capabilities.addObject().put("capability", c.capability())
                .put("supported", c.supported()).put("detail", c.detail()));
        return root.toString();
    }
}
