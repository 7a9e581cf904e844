package io.openpe.node.linux;

import io.openpe.node.process.ExternalProgram;
import java.util.List;
import java.util.Locale;

/**
 * How a node makes its VRFs: {@link #KERNEL} VRF devices in the router namespace, or {@link #NETNS} one network
 * namespace per VRF ({@link NetnsVrfKernel}) for kernels built without VRF support. Configured by
 * {@code openpe.node.vrf-datapath} as {@code kernel}, {@code netns} or {@code auto}.
 */
public enum VrfDatapath {
    KERNEL,
    NETNS;

    /** The choice and why, for the log and node status. */
    public record Choice(VrfDatapath datapath, String reason) {
    }

    /** What {@code openpe.node.vrf-datapath} and {@code apply --vrf-datapath} accept (any case). */
    public static final List<String> SETTINGS = List.of("kernel", "netns", "auto");

    /** {@code kernel}, {@code netns}, or {@code auto}: netns exactly when this kernel cannot create a VRF device. */
    public static Choice choose(String setting) {
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "kernel" -> new Choice(KERNEL, "configured: kernel");
            case "netns" -> new Choice(NETNS, "configured: netns");
            case "auto" -> {
                ExternalProgram.Output probe = probeVrfDevice();
                yield probe.ok() ? new Choice(KERNEL, "auto: this kernel creates VRF devices")
                        : new Choice(NETNS, "auto: this kernel cannot create a VRF device ("
                                + probe.text().lines().findFirst().orElse("exit " + probe.exitCode()) + ")");
            }
            default -> throw new IllegalArgumentException(
                    "openpe.node.vrf-datapath must be kernel, netns or auto, not '" + setting + "'");
        };
    }

    /**
     * Creates a VRF device in a fresh network namespace that ends with the probe process, so no namespace of the
     * node is written.
     */
    static ExternalProgram.Output probeVrfDevice() {
        return ExternalProgram.run(List.of("unshare", "--net", "ip", "link", "add", "openpe-probe", "type", "vrf",
                "table", "16777316"), "");
    }
}
