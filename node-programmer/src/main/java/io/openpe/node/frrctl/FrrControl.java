package io.openpe.node.frrctl;

import io.openpe.node.process.ExternalProgram.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applies a rendered configuration to a running FRR: check it ({@code vtysh -C}), compare it with the running
 * daemons ({@code frr-reload.py --test}), reload the difference ({@code frr-reload.py --reload}), check again that
 * nothing differs, and keep it as {@code frr.conf}.
 *
 * <p>"Unchanged" is what {@code frr-reload.py --test} says, not what the agent rendered last time. Its verdict is a
 * function of two texts, the candidate and {@code show running-config}; after a verdict of "nothing differs" the
 * hashes of both are kept in {@value #APPLIED_FILE}, so the next pass with the same rendering and the same running
 * configuration skips the Python start-up ({@code show running-config} alone is one vtysh call). Anything else (a
 * new rendering, a hand edit, a daemon restarted empty, a reload FRR did not fully take) goes through
 * {@code --test} again and is reloaded until it reports nothing.
 */
public final class FrrControl {

    static final String APPLIED_FILE = "openpe-applied.sha256";
    static final String CANDIDATE_FILE = "openpe-candidate.conf";

    private final FrrTools tools;

    public FrrControl(FrrTools tools) {
        this.tools = tools;
    }

    /**
     * Brings the running daemons to {@code rendered}. Never throws for FRR's sake: a tool that fails or does not
     * finish in time (a hung daemon) is this apply's failure reason, so the kernel is still converged and the loop
     * retries with backoff.
     */
    public FrrEnactment apply(String rendered) {
        try {
            return converge(rendered);
        } catch (IllegalStateException | UncheckedIOException e) {
            return new FrrEnactment(false, "", Optional.of(e.getMessage()));
        }
    }

    private FrrEnactment converge(String rendered) {
        String renderedHash = sha256(rendered);
        String running = runningConfig();
        if (List.of(renderedHash, sha256(running)).equals(applied())) {
            return new FrrEnactment(false, sha256(running), Optional.empty());
        }
        Path candidate = tools.configDir().resolve(CANDIDATE_FILE);
        write(candidate, rendered);
        Output check = tools.dryRun(candidate);
        if (!check.ok()) {
            return new FrrEnactment(false, sha256(running), Optional.of("invalid FRR configuration: " + check.text()));
        }
        Optional<String> hostname = Hostname.of(rendered);
        hostname.ifPresent(name -> Hostname.writeToVtyshConf(tools.configDir(), name));
        write(candidate, BmpMonitors.without(rendered));
        List<String> before = differences(candidate, rendered);
        if (before.isEmpty()) {
            return converged(rendered, renderedHash, candidate, false);
        }
        Output reload = tools.reload(candidate);
        hostname.ifPresent(name -> Hostname.setInDaemons(tools.vtySocketDir(), name));
        List<String> monitors = BmpMonitors.commands(rendered);
        if (!monitors.isEmpty()) {
            Output monitored = tools.vtysh(monitors.stream()
                    .flatMap(command -> Stream.of("-c", command)).toArray(String[]::new));
            if (!monitored.ok()) {
                return new FrrEnactment(true, sha256(runningConfig()),
                        Optional.of("BMP monitoring not configured: " + monitored.text()));
            }
        }
        List<String> left = differences(candidate, rendered);
        if (!left.isEmpty()) {
            String reason = reload.ok() ? "FRR did not take every line" : "frr-reload.py failed: " + reload.text();
            return new FrrEnactment(true, sha256(runningConfig()),
                    Optional.of(reason + "\nstill different: " + left));
        }
        return converged(rendered, renderedHash, candidate, true);
    }

    private FrrEnactment converged(String rendered, String renderedHash, Path candidate, boolean reloaded) {
        String after = sha256(runningConfig());
        // The boot configuration is the rendered text itself: FRR parses "l2vpn evpn" monitors correctly at start.
        write(tools.configDir().resolve("frr.conf"), rendered);
        try {
            Files.deleteIfExists(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(tools.configDir().resolve(APPLIED_FILE), renderedHash + " " + after + "\n");
        return new FrrEnactment(reloaded, after, Optional.empty());
    }

    /**
     * What {@code frr-reload.py --test} says differs between the candidate and the running daemons, plus BMP
     * monitors the running configuration lacks. Command context lines ({@code router bgp ...} before its changed
     * lines) are not differences. FRR 8.4 writes the L2VPN EVPN monitors back with the wrong AFI name, so the
     * candidate carries none and they are compared here instead (see {@link BmpMonitors}).
     */
    private List<String> differences(Path candidate, String rendered) {
        Output test = tools.differences(candidate);
        if (!test.ok()) {
            return List.of("frr-reload.py --test failed: " + test.text());
        }
        List<String> lines = new ArrayList<>(test.stdout().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("Lines To ") && !line.matches("=+"))
                .filter(line -> !line.contains("bmp monitor ")
                        && !line.matches("(router bgp|bmp targets|address-family|vrf) .*"))
                .toList());
        lines.addAll(BmpMonitors.missing(rendered, runningConfig()));
        return lines;
    }

    /**
     * The VRFs zebra has active, bound to their kernel side ({@code show vrf}: {@code vrf red id 1 ...}; an unbound
     * one shows as {@code vrf red inactive}); empty when zebra cannot be asked.
     */
    public Optional<Set<String>> activeVrfs() {
        Output output = tools.vtysh("-c", "show vrf");
        if (!output.ok()) {
            return Optional.empty();
        }
        return Optional.of(output.stdout().lines().map(String::strip).filter(l -> l.startsWith("vrf "))
                .map(l -> l.split("\\s+")).filter(words -> words.length > 2 && words[2].equals("id"))
                .map(words -> words[1]).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The interfaces zebra holds in VRF {@code vrf} ({@code show interface vrf red brief}: a header, then one line
     * per interface); empty when zebra cannot be asked. An unknown VRF answers a line starting with {@code %}.
     */
    public Optional<List<String>> vrfInterfaces(String vrf) {
        Output output = tools.vtysh("-c", "show interface vrf " + vrf + " brief");
        if (!output.ok()) {
            return Optional.empty();
        }
        return Optional.of(output.stdout().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("%") && !line.startsWith("Interface")
                        && !line.startsWith("-"))
                .map(line -> line.split("\\s+")[0]).toList());
    }

    /**
     * bgpd's EVPN table with the router MAC of every path that names one; empty when bgpd cannot be asked. Read only
     * when a router-MAC neighbour is missing (RouterMacNeighbors), not on every pass.
     */
    public Optional<EvpnRouterMacs> evpnRouterMacs() {
        Output output = tools.vtysh("-c", "show bgp l2vpn evpn route json");
        if (!output.ok()) {
            return Optional.empty();
        }
        return Optional.of(EvpnRouterMacs.parse(output.stdout()));
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
