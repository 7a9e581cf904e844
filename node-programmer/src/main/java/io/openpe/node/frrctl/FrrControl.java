package io.openpe.node.frrctl;

import io.openpe.node.process.ExternalProgram.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Applies a rendered configuration to a running FRR: check it ({@code vtysh -C}), reload it
 * ({@code frr-reload.py --reload}, which computes and applies only the difference), and keep it as {@code frr.conf}.
 *
 * <p>No reload when nothing changed: after each reload the hashes of the rendered text and of FRR's running
 * configuration are kept in {@value #APPLIED_FILE}. The next apply reloads only when the rendered text differs or the
 * running configuration drifted (someone changed FRR by hand, a daemon restarted empty).
 */
public final class FrrControl {

    static final String APPLIED_FILE = "openpe-applied.sha256";
    static final String CANDIDATE_FILE = "openpe-candidate.conf";

    private final FrrTools tools;

    public FrrControl(FrrTools tools) {
        this.tools = tools;
    }

    public FrrEnactment apply(String rendered) {
        String renderedHash = sha256(rendered);
        String runningHash = sha256(runningConfig());
        if (List.of(renderedHash, runningHash).equals(applied())) {
            return new FrrEnactment(false, runningHash, Optional.empty());
        }
        Path candidate = tools.configDir().resolve(CANDIDATE_FILE);
        write(candidate, rendered);
        Output check = tools.dryRun(candidate);
        if (!check.ok()) {
            return new FrrEnactment(false, runningHash, Optional.of("invalid FRR configuration: " + check.text()));
        }
        write(candidate, BmpMonitors.without(rendered));
        Output reload = tools.reload(candidate);
        List<String> monitors = BmpMonitors.commands(rendered);
        if (!monitors.isEmpty()) {
            Output monitored = tools.vtysh(monitors.stream()
                    .flatMap(command -> java.util.stream.Stream.of("-c", command)).toArray(String[]::new));
            if (!monitored.ok()) {
                return new FrrEnactment(true, sha256(runningConfig()),
                        Optional.of("BMP monitoring not configured: " + monitored.text()));
            }
        }
        if (!reload.ok()) {
            List<String> left = remainingDifferences(candidate);
            if (!left.isEmpty()) {
                return new FrrEnactment(true, sha256(runningConfig()),
                        Optional.of("frr-reload.py failed: " + reload.text() + "\nstill different: " + left));
            }
        }
        String after = sha256(runningConfig());
        // The boot configuration is the rendered text itself: FRR parses "l2vpn evpn" monitors correctly at start.
        write(tools.configDir().resolve("frr.conf"), rendered);
        try {
            Files.deleteIfExists(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(tools.configDir().resolve(APPLIED_FILE), renderedHash + " " + after + "\n");
        return new FrrEnactment(true, after, Optional.empty());
    }

    /**
     * What still differs after a reload that reported a failure, less FRR 8.4's known false differences.
     *
     * <p>frr-reload.py's second pass re-sends every line its first pass added; FRR 8.4 refuses a repeated
     * {@code vni <n>} inside {@code vrf} ("already configured as L3-VNI") and the reload reports a failure although
     * the configuration is in place. The BMP monitor lines and the hostname that bgpd reports from the system are
     * never equal to ours in 8.4's output (see {@link BmpMonitors}); command context lines are not differences.
     */
    private List<String> remainingDifferences(Path candidate) {
        Output test = tools.differences(candidate);
        if (!test.ok()) {
            return List.of("frr-reload.py --test failed: " + test.text());
        }
        return test.stdout().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("Lines To ") && !line.matches("=+"))
                .filter(line -> !line.contains("bmp monitor ") && !line.matches("(no )?hostname .*")
                        && !line.matches("(router bgp|bmp targets|address-family|vrf) .*"))
                .toList();
    }

    public String runningConfig() {
        Output output = tools.vtysh("-c", "show running-config");
        if (!output.ok()) {
            throw new IllegalStateException("cannot read FRR's running configuration: " + output.text());
        }
        // The first lines ("Building configuration...", "Current configuration:") carry no configuration.
        return output.stdout().lines().dropWhile(line -> !line.startsWith("frr version")).reduce("",
                (a, b) -> a + b + "\n");
    }

    private List<String> applied() {
        Path file = tools.configDir().resolve(APPLIED_FILE);
        try {
            return Files.exists(file) ? List.of(Files.readString(file).strip().split(" ")) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
