package io.openpe.node.linux;

import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.frr.FrrRenderer;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrEnactment;
import java.util.Optional;

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

    private final Namespaces namespaces;
    private final LinuxKernel kernel;
    private final Optional<FrrControl> frr;

    public NodeEnactor(Namespaces namespaces, Optional<FrrControl> frr) {
        this.namespaces = namespaces;
        this.kernel = new LinuxKernel(namespaces);
        this.frr = frr;
    }

    public Enactment apply(NodePlan plan) {
        DesiredState desired = DesiredState.from(plan, namespaces);
        Optional<FrrEnactment> frrResult = frr.map(control -> control.apply(FrrRenderer.render(desired.frr())));
        KernelEnactment kernelResult = kernel.apply(desired);
        return new Enactment(plan.generation(), plan.contentHash(), frrResult, desired.frrParts(), kernelResult);
    }
}
