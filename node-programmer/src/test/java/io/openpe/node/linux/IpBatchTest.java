package io.openpe.node.linux;

import io.openpe.node.process.ExternalProgram;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error output as iproute2 6.1 prints it for {@code ip -force -batch -} (observed on this machine). */
class IpBatchTest {

    @Test
    void failedCommandsAreMappedToTheirLinesWithTheirMessages() {
        ExternalProgram.Output output = new ExternalProgram.Output(1, "", """
                Cannot find device "nosuch"
                Command failed -:2
                Cannot find device "nosuch"
                Command failed -:3
                """);
        assertEquals(Map.of(1, "Cannot find device \"nosuch\"", 2, "Cannot find device \"nosuch\""),
                IpBatch.failures(output, 5));
    }

    @Test
    void anArgumentErrorStopsIpAndEveryLaterCommandCountsAsFailed() {
        ExternalProgram.Output output = new ExternalProgram.Output(255, "", """
                Error: Unknown device type.
                Command failed -:2
                Error: argument "red" is wrong: Device does not exist
                """);
        Map<Integer, String> failures = IpBatch.failures(output, 5);
        assertEquals(Map.of(1, "Error: Unknown device type.",
                2, "ip stopped after: Error: argument \"red\" is wrong: Device does not exist",
                3, "ip stopped after: Error: argument \"red\" is wrong: Device does not exist",
                4, "ip stopped after: Error: argument \"red\" is wrong: Device does not exist"), failures);
    }

    @Test
    void aCleanRunHasNoFailures() {
        assertEquals(Map.of(), IpBatch.failures(new ExternalProgram.Output(0, "", ""), 3));
    }
}
