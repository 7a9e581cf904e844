package io.openpe.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.openpe.node.ProtoPlans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code apply} answers before it touches anything: help, usage errors, refused plans. No root needed. */
class ApplyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpExitsZeroAndNamesEveryOptionAndExitCode() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("<plan.json>", "--router-netns", "--host-netns", "--frr-vty-dir",
                "--frr-config-dir", "--help", "Default: perouter")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("3   the plan is refused"), help);
    }

    @Test
    void wrongArgumentsExitTwoSayingWhatToGive() {
        assertEquals(ApplyCommand.USAGE, run());
        assertEquals(2, run("plan.json", "--frr-vty-dir", "/run/frr"));
        assertEquals(2, run(dir.resolve("missing.json").toString()));
        assertEquals(2, run("plan.json", "--router-netns"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("apply: Missing required parameter: '<plan.json>'"), errors);
        assertTrue(errors.contains("--frr-vty-dir and --frr-config-dir go together"), errors);
        assertTrue(errors.contains("cannot read plan " + dir.resolve("missing.json") + ": no such file"), errors);
        assertTrue(errors.contains("as 'plan --out <dir>' writes"), errors);
        assertTrue(errors.contains("Missing required parameter for option '--router-netns'"), errors);
        assertTrue(errors.contains("Run 'apply --help'"), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlanThatIsNotJsonExitsTwo() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.json"), "underlay: {asn: 64514}");
        assertEquals(2, run(plan.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give a NodePlan in Protobuf JSON"));
    }

    @Test
    void aPlanBreakingTheRulesIsRefusedWithThreeAndItsErrorsAsJson() throws Exception {
        var broken = ProtoPlans.l2vnis("lab", "node-a", 3, 110, 1).toBuilder().setNode("Not A Host").build();
        Path plan = Files.writeString(dir.resolve("plan.json"), JsonFormat.printer().print(broken));
        assertEquals(ApplyCommand.REFUSED, run(plan.toString()));
        JsonNode refusal = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(refusal.get("refused").asBoolean());
        assertEquals("node", refusal.get("errors").get(0).get("field").asText());
    }

    private int run(String... args) {
        return ApplyCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
