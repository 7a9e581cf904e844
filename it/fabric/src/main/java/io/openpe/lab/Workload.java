package io.openpe.lab;

import io.openpe.lab.layout.WorkloadSpec;
import java.time.Duration;

/**
 * A pod or VM of the seeds: a namespace whose {@code eth0} is one end of a veth, the other end ({@code wl-<name>})
 * enslaved to {@code br-hs-<vni>} of a node's host namespace, as the bridge CNI plugs a Multus secondary interface.
 * {@link #moveTo} re-plugs it into another node (another cluster's too) with the same MAC and address and announces
 * it with a gratuitous ARP, as a migrated VM does.
 */
public final class Workload {

    private static final Duration BRIDGE_POLL = Duration.ofMillis(100);
    private static final Duration MAX_BRIDGE_WAIT = Duration.ofSeconds(50);

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

    /**
     * One shell run, not one process per {@code ip} call: the re-plug is the start of a move's outage, and a dozen
     * process starts from the JVM took 60–200 ms on the loaded machine (docs/benchmarks/fabric.md). The host port
     * joins the bridge before the workload's {@code eth0} comes up, and the run returns only when both ends are
     * operationally up: a frame sent earlier (the gratuitous ARP) can be dropped before the kernel's link watch has
     * activated the device, and the new node then learns the MAC only from the workload's next frame, about 1 s later.
     */
    synchronized void plugInto(LabNode target, Duration bridgeTimeout) {
        if (node == null && !Shell.namespaces().contains(netns)) {
            Shell.run("ip", "netns", "add", netns).orThrow();
            Shell.ip(netns, "link", "set", "lo", "up");
        }
        String host = target.hostNetns();
        String port = spec.hostPort();
        StringBuilder script = new StringBuilder("set -e\n");
        // The bridge first (node-programmer creates it with the L2VNI), waited for within Shell's 60 s limit on one
        // program; exit 3 says it never came and nothing was unplugged.
        Duration bridgeWait = bridgeTimeout.compareTo(MAX_BRIDGE_WAIT) < 0 ? bridgeTimeout : MAX_BRIDGE_WAIT;
        long polls = Math.max(1, bridgeWait.toMillis() / BRIDGE_POLL.toMillis());
        script.append("n=0\n");
        script.append("until ip -n ").append(host).append(" link show dev ").append(spec.hostBridge())
                .append(" >/dev/null 2>&1; do\n");
        script.append("  n=$((n+1)); [ $n -lt ").append(polls).append(" ] || exit 3\n");
        script.append("  sleep ").append(BRIDGE_POLL.toMillis() / 1000.0).append('\n');
        script.append("done\n");
        if (node != null) {
            // Deleting the host end deletes eth0 with it.
            script.append("ip -n ").append(node.hostNetns()).append(" link del ").append(port).append(" || true\n");
        }
        script.append("ip -n ").append(netns).append(" link del eth0 2>/dev/null || true\n");
        // ip -batch: one process per namespace.
        script.append("ip -n ").append(host).append(" -batch - <<EOF\n");
        script.append("link add ").append(port).append(" type veth peer name eth0 address ").append(spec.mac())
                .append(" netns ").append(netns).append('\n');
        script.append("link set ").append(port).append(" master ").append(spec.hostBridge()).append(" up\n");
        script.append("EOF\n");
        script.append("ip -n ").append(netns).append(" -batch - <<EOF\n");
        script.append("addr add ").append(spec.cidr()).append(" dev eth0\n");
        script.append("link set eth0 up\n");
        spec.gateway().ifPresent(gw -> script.append("route replace default via ").append(gw).append(" dev eth0\n"));
        script.append("EOF\n");
        // Carrier and the qdisc come with the link watch, on both ends of the veth at once.
        script.append("n=0\n");
        script.append("until ip -n ").append(netns).append(" -o link show dev eth0 | grep -q 'state UP'; do\n");
        script.append("  n=$((n+1)); [ $n -lt 2000 ] || { echo 'eth0 not up within 10 s' >&2; exit 1; }\n");
        script.append("  sleep 0.005\n");
        script.append("done\n");
        LabNode previous = node;
        node = null;
        CommandResult result = Shell.run("sh", "-c", script.toString());
        if (result.exitCode() == 3) {
            node = previous;
            throw new LabException(spec.hostBridge() + " did not appear in " + host + " within " + bridgeWait
                    + ": is node-programmer enacting " + target + " with L2VNI " + spec.vni() + "?");
        }
        if (!result.ok()) {
            throw new LabException("re-plugging " + spec.name() + " into " + target + " failed: "
                    + result.stderr().strip());
        }
        node = target;
    }

    /** Unplugs from the current node, plugs into {@code target} and sends a gratuitous ARP. */
    public synchronized void moveTo(LabNode target, Duration bridgeTimeout) {
        replug(target, bridgeTimeout);
        announce();
    }

    /** The first half of {@link #moveTo}: unplugged from the current node and plugged into {@code target}. */
    public synchronized void replug(LabNode target, Duration bridgeTimeout) {
        plugInto(target, bridgeTimeout);
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
}
