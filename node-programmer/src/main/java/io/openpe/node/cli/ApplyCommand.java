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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code apply <plan.json> [--router-netns NAME] [--host-netns NAME] [--frr-vty-dir DIR --frr-config-dir DIR]}:
 * converges the node once to a plan in the Protobuf JSON mapping and prints the result as one JSON object. Exit code
 * 0 when every object applied, 1 when any failed, 2 on bad usage or an unreadable plan, 3 when the plan is refused:
 * a field breaks the rules ({@link PlanValidation}, as the agent checks plans from Kafka), nothing was touched and the
 * errors are printed as JSON on standard output and as the agent's log line on standard error.
 */
public final class ApplyCommand {

    static final String USAGE = "usage: apply <plan.json> [--router-netns NAME] [--host-netns NAME]"
            + " [--frr-vty-dir DIR --frr-config-dir DIR] [--vrf-datapath kernel|netns|auto]";

    /** Exit code of a refused plan. */
    static final int REFUSED = 3;

    private ApplyCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path planFile = null;
        String router = Namespaces.DEFAULT_ROUTER;
        Optional<String> host = Optional.empty();
        Optional<String> vtyDir = Optional.empty();
        Optional<String> configDir = Optional.empty();
        String vrfDatapath = "kernel";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && i + 1 >= args.size()) {
                err.println(arg + " needs a value\n" + USAGE);
                return 2;
            }
            switch (arg) {
                case "--router-netns" -> router = args.get(++i);
                case "--host-netns" -> host = Optional.of(args.get(++i));
                case "--frr-vty-dir" -> vtyDir = Optional.of(args.get(++i));
                case "--frr-config-dir" -> configDir = Optional.of(args.get(++i));
                case "--vrf-datapath" -> vrfDatapath = args.get(++i);
                default -> {
                    if (arg.startsWith("--") || planFile != null) {
                        err.println("unexpected argument " + arg + "\n" + USAGE);
                        return 2;
                    }
                    planFile = Path.of(arg);
                }
            }
        }
        if (planFile == null || vtyDir.isPresent() != configDir.isPresent()) {
            err.println(USAGE);
            return 2;
        }
        NodePlan plan;
        try {
            plan = PlanJson.fromJson(Files.readString(planFile));
        } catch (IOException e) {
            err.println("cannot read plan " + planFile + ": " + e.getMessage());
            return 2;
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
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Enactment enactment = NodeEnactors.forConfig(new Namespaces(router, host), vtyDir, configDir, datapath)
                .apply(plan);
        out.println(toJson(enactment));
        return enactment.failed() ? 1 : 0;
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
