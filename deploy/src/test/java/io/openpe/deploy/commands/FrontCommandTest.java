package io.openpe.deploy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/openpe's own answers (the commands' options are tested in their services): its help, an unknown command, and a
 * command whose service is not built, with the exit codes docs/configuration.md documents.
 */
class FrontCommandTest {

    private static final Path SCRIPT = Path.of("../bin/openpe");

    record Result(int exit, String out, String err) {
    }

    @Test
    void helpListsEveryCommandAndExitsZero() throws Exception {
        Result help = run(SCRIPT, "--help");
        assertEquals(0, help.exit(), help.err());
        for (String command : List.of("plan", "apply", "decode", "migrate", "<command> --help")) {
            assertTrue(help.out().contains(command), command + " in\n" + help.out());
        }
    }

    @Test
    void noOrAnUnknownCommandExitsTwoWithTheUsage() throws Exception {
        Result none = run(SCRIPT);
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("usage: bin/openpe <command>"), none.err());
        Result unknown = run(SCRIPT, "migrat");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("openpe: unknown command 'migrat'"), unknown.err());
    }

    @Test
    void aCommandOfAServiceNotBuiltExits127SayingHowToBuildIt(@TempDir Path root) throws Exception {
        Path copy = Files.createDirectories(root.resolve("bin")).resolve("openpe");
        Files.copy(SCRIPT, copy);
        copy.toFile().setExecutable(true);
        Result result = run(copy, "decode", "capture.bin");
        assertEquals(127, result.exit());
        assertTrue(result.err().contains("./mvnw -B -pl route-service -am package -DskipTests"), result.err());
    }

    private static Result run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
