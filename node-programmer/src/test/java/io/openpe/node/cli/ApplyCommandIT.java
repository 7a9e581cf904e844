package io.openpe.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.openpe.node.ProtoPlans;
import io.openpe.testkit.netns.NetnsLab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply <plan.json>} against throwaway namespaces. */
@Tag("root")
class ApplyCommandIT {

    @TempDir
    Path dir;

    @Test
    void appliesAPlanFromProtobufJsonOnceAndPrintsEachObjectsResult() throws Exception {
        Path planFile = dir.resolve("node-a.json");
        Files.writeString(planFile, JsonFormat.printer().print(ProtoPlans.l2vnis("lab", "node-a", 3, 110, 1)));
        try (NetnsLab lab = NetnsLab.create()) {
            String router = lab.namespace("r");
            String host = lab.namespace("h");

            JsonNode first = run(0, planFile.toString(), "--router-netns", router, "--host-netns", host);
            assertEquals(3, first.get("generation").asLong());
            assertTrue(first.get("kernelWrites").asInt() > 0);
            assertTrue(lab.ip(router, "-br", "link").contains("br-pe-110"));
            assertTrue(lab.ip(host, "-br", "link").contains("br-hs-110"));
            List<String> objects = objects(first);
            assertTrue(objects.contains("bridge br-pe-110"), objects.toString());
            for (JsonNode result : first.get("results")) {
                assertEquals("APPLIED", result.get("state").asText(), result.toString());
            }

            JsonNode again = run(0, planFile.toString(), "--router-netns", router, "--host-netns", host);
            assertEquals(0, again.get("kernelWrites").asInt());
        }
    }

    private static JsonNode run(int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ApplyCommand.run(List.of(args), new PrintStream(out), new PrintStream(err));
        assertEquals(expectedExit, exit, err.toString(StandardCharsets.UTF_8) + out);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> objects(JsonNode result) {
        return result.get("results").findValuesAsText("object");
    }
}
