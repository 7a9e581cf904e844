package io.openpe.node.linux;

import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.frr.FrrRenderer;
import io.openpe.node.frr.NetnsVrfStatements;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrEnactment;
import io.openpe.node.desired.CapabilityFinding;
import io.openpe.node.desired.VrfNamespaceLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Converges one node to a plan: FRR first, then the kernel (DESIGN §5). On additions FRR must know an EVPN instance
 * before its VXLAN device appears (FRR 8.x bgpd can crash otherwise; OpenPERouter's reconcile.go cites the FRR
 * issue); on removals FRR must stop referring to objects before the kernel cleanup deletes them. Both orders are
 * "FRR, then kernel", so one sequence serves every plan. A failed FRR apply does not hold the kernel back: the data
 * path of L2 domains does not depend on it, and the failure is reported.
 *
 * <p>This is the entry the reconcile loop calls; it holds no rule of its own.
 */
public final class NodeEnactor {

    private static final Duration VRF_BIND_TIMEOUT = Duration.ofSeconds(10);

    private final Namespaces namespaces;
    private final LinuxKernel kernel;
    private final Optional<FrrControl> frr;
    private final VrfDatapath.Choice datapath;
    private final Optional<NetnsVrfKernel> netnsVrfs;

    public NodeEnactor(Namespaces namespaces, Optional<FrrControl> frr) {
        this(namespaces, frr, new VrfDatapath.Choice(VrfDatapath.KERNEL, "default"), Optional.empty());
    }

    /**
     * @param zebraPidFile on the netns datapath with FRR: zebra's pid file, to show it the VRF namespaces
     */
    public NodeEnactor(Namespaces namespaces, Optional<FrrControl> frr, VrfDatapath.Choice datapath,
            Optional<Path> zebraPidFile) {
        this.namespaces = namespaces;
        this.kernel = new LinuxKernel(namespaces);
        this.frr = frr;
        this.datapath = datapath;
        this.netnsVrfs = datapath.datapath() == VrfDatapath.NETNS
                ? Optional.of(new NetnsVrfKernel(namespaces, zebraPidFile))
                : Optional.empty();
    }

    public VrfDatapath.Choice datapath() {
        return datapath;
    }

    /**
     * On the netns datapath the VRF namespaces come first (zebra must see {@code red} when {@code vrf red} is
     * configured) and a VRF namespace the plan dropped is emptied and removed before FRR drops its configuration
     * ({@link NetnsVrfKernel#retireStale}: zebra must have let go of its links first), then FRR, then the links.
     */
    public Enactment apply(NodePlan plan) {
        DesiredState desired = DesiredState.from(plan, namespaces);
        if (netnsVrfs.isPresent()) {
            VrfNamespaceLayout layout = VrfNamespaceLayout.of(plan, desired);
            NetnsVrfKernel.Prepared prepared = netnsVrfs.get().prepare(layout);
            NetnsVrfKernel.Retired retired = netnsVrfs.get().retireStale(desired, layout,
                    vrf -> frr.isPresent() ? frr.get().vrfInterfaces(vrf) : Optional.of(List.of()));
            if (frr.isPresent()) {
                prepared = prepared.withVrfFailures(unbound(frr.get(), layout.vrfs().keySet(), prepared));
            }
            Optional<FrrEnactment> frrResult = frr.map(control -> control.apply(
                    NetnsVrfStatements.addTo(FrrRenderer.render(desired.frr()), layout.vrfs().keySet())));
            KernelEnactment kernelResult = withDatapath(netnsVrfs.get().apply(desired, layout, prepared, retired));
            return new Enactment(plan.generation(), plan.contentHash(), frrResult, desired.frrParts(), kernelResult);
        }
        Optional<FrrEnactment> frrResult = frr.map(control -> control.apply(FrrRenderer.render(desired.frr())));
        KernelEnactment kernelResult = withDatapath(kernel.apply(desired));
        return new Enactment(plan.generation(), plan.contentHash(), frrResult, desired.frrParts(), kernelResult);
    }

    /**
     * The VRFs zebra has not bound to their namespace, with the reason. zebra binds a namespace shown to it within
     * about a second (it polls a new /run/netns entry until it is a namespace), and {@code vrf red} configured before
     * that stays inactive, so after this pass showed a namespace, wait for the binding a bounded time. When nothing
     * was shown, waiting cannot change anything: a VRF unbound then is reported at once, not waited for on every pass.
     */
    private static Map<String, String> unbound(FrrControl control, Set<String> vrfs, NetnsVrfKernel.Prepared prepared) {
        Set<String> expected = vrfs.stream().filter(vrf -> !prepared.failed(vrf)).collect(Collectors.toSet());
        long deadline = System.nanoTime() + (prepared.writes() > 0 ? VRF_BIND_TIMEOUT.toNanos() : 0);
        Set<String> missing = missing(control, expected);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            missing = missing(control, expected);
        }
        Map<String, String> reasons = new TreeMap<>();
        missing.forEach(vrf -> reasons.put(vrf, "zebra has not bound VRF " + vrf + " to its namespace"
                + (prepared.writes() > 0 ? " within " + VRF_BIND_TIMEOUT.toSeconds() + " s" : "")
                + " (show vrf: not active)"));
        return reasons;
    }

    private static Set<String> missing(FrrControl control, Set<String> expected) {
        Set<String> active = control.activeVrfs().orElse(Set.of());
        return expected.stream().filter(vrf -> !active.contains(vrf)).collect(Collectors.toCollection(TreeSet::new));
    }

    private KernelEnactment withDatapath(KernelEnactment enactment) {
        List<CapabilityFinding> findings = new ArrayList<>(enactment.capabilities().stream()
                .filter(c -> !c.capability().equals("vrf-datapath")).toList());
        findings.add(new CapabilityFinding("vrf-datapath", true,
                datapath.datapath().name().toLowerCase(java.util.Locale.ROOT) + " (" + datapath.reason() + ")"));
        return new KernelEnactment(enactment.changes(), enactment.results(), enactment.writes(), findings);
    }
}
