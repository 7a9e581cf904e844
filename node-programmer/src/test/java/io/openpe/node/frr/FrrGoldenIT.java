package io.openpe.node.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.testkit.frr.FrrConfigCheck;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every golden file is valid FRR 8.4: vtysh parses it line by line without a single unknown command. */
@Tag("root")
class FrrGoldenIT {

    @Test
    void everyGoldenFileIsValidFrr() throws IOException {
        FrrInstance.requireInstalled();
        List<Path> goldens;
        try (Stream<Path> files = Files.list(FrrRenderTest.GOLDEN_DIR)) {
            goldens = files.filter(p -> p.getFileName().toString().endsWith(".golden")).sorted().toList();
        }
        assertEquals(FrrRenderTest.scenarios().size(), goldens.size(), "one golden file per scenario");
        for (Path golden : goldens) {
            Exec.Result check = FrrConfigCheck.dryRun(Files.readString(golden));
            assertTrue(check.ok(), golden + ": " + check.stdout() + check.stderr());
        }
    }
}
