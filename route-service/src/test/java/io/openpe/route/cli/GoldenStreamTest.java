package io.openpe.route.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays BMP streams captured from real FRR 8.4.4 in the lab (FrrEvpnLabIT) through {@code decode} and compares the
 * output with the checked-in, reviewed {@code <scenario>.golden.json}. {@code -Dgolden.update=true} rewrites the
 * golden files, which are then read line by line before they are committed (STYLE rule 10).
 */
class GoldenStreamTest {

    static final Path GOLDEN = Path.of("src/test/resources/io/openpe/route/golden");

    @ParameterizedTest
    @ValueSource(strings = {"frr-ibgp-evpn-router-b", "frr-ebgp-evpn-router-d"})
    void decodedStreamMatchesTheReviewedGolden(String scenario) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // The lab's routers have no allowas-in (FrrEvpnLabIT's configurations): router D denies its own routes C
        // sends back, [65001 65002] once FRR's prepend is off.
        int exit = DecodeCommand.run(List.of(GOLDEN.resolve(scenario + ".bin").toString(),
                        "--cluster", "lab", "--router", "172.31.0.6", "--allowas-in", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String decoded = out.toString(StandardCharsets.UTF_8);
        Path golden = GOLDEN.resolve(scenario + ".golden.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, decoded);
        }
        assertEquals(Files.readString(golden), decoded);
    }
}
