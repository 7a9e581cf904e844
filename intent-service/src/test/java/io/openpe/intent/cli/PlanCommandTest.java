package io.openpe.intent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.openpe.intent.v1.NodePlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline preview: seeds in, Protobuf JSON plans out; invalid intents give every error and exit 1. */
class PlanCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOnePlanPerNodeAsProtobufJson(@TempDir Path dir) throws Exception {
        copySeeds(dir);
        assertEquals(0, run("plan-dir", dir.toString(), "--nodes", "2", "--cluster", "lab", "--bmp", "10.1.0.1:5000"),
                err.toString());
        List<NodePlan> plans = parseStream(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, plans.size());
        assertEquals("lab", plans.get(0).getCluster());
        assertEquals("node-0", plans.get(0).getNode());
        assertEquals("100.65.0.0", plans.get(0).getUnderlay().getVtepIp());
        assertEquals("100.65.0.1", plans.get(1).getUnderlay().getVtepIp());
        assertEquals("10.1.0.1", plans.get(0).getBmp().getAddress());
        assertEquals(1, plans.get(0).getGeneration());
        assertEquals(64, plans.get(0).getContentHash().length(), "hex SHA-256");
        assertTrue(plans.get(0).getWarningsList().stream().anyMatch(w -> w.getObject().getName().equals("migration")));
    }

    @Test
    void writesOneFilePerNodeThatParsesBack(@TempDir Path dir, @TempDir Path outDir) throws Exception {
        copySeeds(dir);
        assertEquals(0, run("plan-dir", dir.toString(), "--nodes", "3", "--out", outDir.toString()));
        NodePlan.Builder node2 = NodePlan.newBuilder();
        JsonFormat.parser().merge(Files.readString(outDir.resolve("node-2.json")), node2);
        assertEquals("100.65.0.2", node2.getUnderlay().getVtepIp());
        assertEquals("10.0.0.3", node2.getUnderlay().getRouterId());
    }

    @Test
    void invalidIntentExitsOneWithEveryErrorAndPrintsNoPlan(@TempDir Path dir) throws Exception {
        copySeeds(dir);
        Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata: {name: bad, namespace: t}
                spec:
                  vni: 0
                  vrf: "1bad"
                  hostmaster: {type: bridge, autocreate: true}
                ---
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata: {name: typo, namespace: t}
                spec:
                  vnii: 5
                """);
        assertEquals(1, run("plan-dir", dir.toString(), "--nodes", "1"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("L2VNI t/bad: spec.vni: "), errors);
        assertTrue(errors.contains("L2VNI t/bad: spec.vrf: "), errors);
        assertTrue(errors.contains("bad.yaml document 2: L2VNI typo: Unrecognized field \"vnii\""), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZeroAndNamesEveryOptionAndExitCode() {
        assertEquals(0, run("plan", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("<intents-dir>", "--nodes", "--cluster", "--bmp", "--out", "--help")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("2   bad usage"), help);
    }

    @Test
    void missingNodesExitsTwoNamingTheOptionAndTheHelp(@TempDir Path dir) {
        assertEquals(PlanCommand.USAGE, run("plan", dir.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("plan: Missing required option: '--nodes=<n>'"), errors);
        assertTrue(errors.contains("Run 'plan --help'"), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongValuesExitTwoWithWhatToGive(@TempDir Path dir) {
        assertEquals(2, run("plan", dir.toString(), "--nodes", "0"));
        assertEquals(2, run("plan", dir.toString(), "--nodes", "1", "--bmp", "10.1.0.1"));
        assertEquals(2, run("plan", dir.resolve("missing").toString(), "--nodes", "1"));
        assertEquals(2, run("plan", dir.toString(), "--nodes", "1", "--colour", "red"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("--nodes must be 1 or more, got 0"), errors);
        assertTrue(errors.contains("'10.1.0.1' is not <host:port>"), errors);
        assertTrue(errors.contains("is not a directory: give the directory holding the intents' YAML files"), errors);
        assertTrue(errors.contains("Unknown options: '--colour'"), errors);
    }

    private int run(String... args) {
        List<String> list = List.of(args).subList(1, args.length);
        return PlanCommand.run(list, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void copySeeds(Path dir) throws Exception {
        for (String file : List.of("underlay.yaml", "l3vni-red.yaml", "l2vni-layer2.yaml", "l2vni-migration.yaml")) {
            try (var in = io.openpe.intent.reconcile.PlanTopic.class.getResourceAsStream(file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
    }

    /** The command prints pretty JSON objects one after another; split them at top-level braces. */
    private static List<NodePlan> parseStream(String text) throws Exception {
        List<NodePlan> plans = new java.util.ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString) {
                continue;
            }
            if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                NodePlan.Builder plan = NodePlan.newBuilder();
                JsonFormat.parser().merge(text.substring(start, i + 1), plan);
                plans.add(plan.build());
            }
        }
        return plans;
    }
}
