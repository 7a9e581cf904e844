package io.openpe.testkit.frr;

import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Asks the real FRR whether a configuration is valid: {@code vtysh -C -f FILE} parses it without any daemon. */
public final class FrrConfigCheck {

    private FrrConfigCheck() {
    }

    /** @return vtysh's result; {@code ok()} when FRR accepts every line */
    public static Exec.Result dryRun(String config) {
        try {
            Path dir = Files.createTempDirectory("opt-frrcheck-");
            try {
                Path file = dir.resolve("frr.conf");
                Files.writeString(file, config);
                Files.writeString(dir.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
                return Exec.run(List.of("vtysh", "--config_dir", dir.toString(), "-C", "-f", file.toString()));
            } finally {
                Exec.run(List.of("rm", "-rf", dir.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
