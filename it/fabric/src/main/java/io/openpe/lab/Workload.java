package io.openpe.lab;

import io.openpe.lab.layout.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pod or VM of the seeds: a namespace whose {@code eth0} is one end of a veth, the other end ({@code wl-<name>})
 * enslaved to {@code br-hs-<vni>} of a node's host namespace, as the bridge CNI plugs a Multus secondary interface.
 * {@link #moveTo} re-plugs it into another node (another cluster's too) with the same MAC and address and announces
 * it with a gratuitous ARP, as a migrated VM does.
 */
public final class Workload {

    private static final Duration BRIDGE_POLL = Duration.ofMillis(100);

    private final WorkloadSpec spec;
    private final String netns;
    private volatile LabNode node;

    Workload(WorkloadSpec spec, String netns) {
        this.spec = spec;
        this.netns = netns;
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public String netns() {
        return netns;
    }

    public String ip() {
        return spec.ip();
    }

    public String mac() {
        return spec.mac();
    }

    /** The node it is plugged into now. */
    public LabNode node() {
        return node;
    }

    synchronized void plugInto(LabNode target, Duration bridgeTimeout) {
        if (!Shell.namespaces().contains(netns)) {
            Shell.run("ip", "netns", "add", netns).orThrow();
            Shell.ip(netns, "link", "set", "lo", "up");
        }
        unplug();
        awaitBridge(target, bridgeTimeout);
        Shell.ip(target.hostNetns(), "link", "add", spec.hostPort(), "type", "veth", "peer", "name", "eth0",
                "netns", netns);
        Shell.ip(netns, "link", "set", "eth0", "address", spec.mac());
        Shell.ip(netns, "addr", "add", spec.cidr(), "dev", "eth0");
        Shell.ip(netns, "link", "set", "eth0", "up");
        spec.gateway().ifPresent(gw -> Shell.ip(netns, "route", "replace", "default", "via", gw, "dev", "eth0"));
        Shell.ip(target.hostNetns(), "link", "set", spec.hostPort(), "master", spec.hostBridge());
        Shell.ip(target.hostNetns(), "link", "set", spec.hostPort(), "up");
        node = target;
    }

    /** Unplugs from the current node, plugs into {@code target} and sends a gratuitous ARP. */
    public synchronized void moveTo(LabNode target, Duration bridgeTimeout) {
        plugInto(target, bridgeTimeout);
        announce();
    }

    /**
     * A gratuitous ARP for its own address ({@code arping -U}): the new node's gateway bridge learns the MAC at
     * once and its FRR advertises the type-2 route with a higher mobility sequence.
     */
    public void announce() {
        CommandResult result = Shell.in(netns, "arping", "-q", "-U", "-c", "1", "-I", "eth0", spec.ip());
        // arping -U expects no reply and exits 1 for that; only a missing program or interface is an error.
        if (result.exitCode() > 1) {
            throw new LabException("arping failed in " + netns + " (apt-get install iputils-arping): "
                    + result.stderr().strip());
        }
    }

    /** {@code count} echo requests {@code intervalSeconds} apart, each waiting at most one second for its reply. */
    public PingResult ping(String target, int count, double intervalSeconds) {
        CommandResult result = Shell.in(netns, "ping", "-q", "-c", Integer.toString(count), "-i",
                String.valueOf(intervalSeconds), "-W", "1", target);
        return PingResult.parse(result.stdout());
    }

    /** One echo request answered within a second. */
    public boolean reaches(String target) {
        return ping(target, 1, 1).allReceived();
    }

    /** The body of an HTTP GET of {@code url} from this workload, or the failure (5 s at most). */
    public CommandResult httpGet(String url) {
        return Shell.in(netns, "curl", "-sS", "--max-time", "5", url);
    }

    /** A ping that runs until {@link PingRun#stop()}. */
    public PingRun pingContinuously(String target, double intervalSeconds) {
        return PingRun.start(netns, target, intervalSeconds);
    }

    /** Counters of {@code eth0}. */
    public LinkCounters counters() {
        return LinkCounters.parse(Shell.ip(netns, "-s", "-j", "link", "show", "dev", "eth0"));
    }

    private void unplug() {
        Optional.ofNullable(node).ifPresent(current -> Shell.ipResult(current.hostNetns(), "link", "del",
                spec.hostPort()));
        Shell.ipResult(netns, "link", "del", "eth0");
        node = null;
    }

    private void awaitBridge(LabNode target, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!Shell.linkExists(target.hostNetns(), spec.hostBridge())) {
            if (Instant.now().isAfter(deadline)) {
                throw new LabException(spec.hostBridge() + " did not appear in " + target.hostNetns() + " within "
                        + timeout + ": is node-programmer enacting " + target + " with L2VNI " + spec.vni() + "?");
            }
            Processes.pause(BRIDGE_POLL);
        }
    }
}
