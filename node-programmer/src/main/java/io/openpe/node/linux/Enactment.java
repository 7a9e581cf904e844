package io.openpe.node.linux;

import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.frrctl.FrrEnactment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One apply of a plan to a node: what FRR and the kernel did. This is what node-status reports.
 *
 * @param generation the plan generation applied
 * @param frr        empty when this node-programmer drives no FRR (kernel-only labs and benchmarks)
 */
public record Enactment(long generation, String planHash, Optional<FrrEnactment> frr, KernelEnactment kernel) {

    public static final String FRR_OBJECT = "frr config";

    /** Every object's result: the FRR configuration as one object, then the kernel objects. */
    public List<ObjectResult> results() {
        List<ObjectResult> results = new ArrayList<>();
        frr.ifPresent(f -> results.add(f.failure()
                .map(reason -> ObjectResult.failed(FRR_OBJECT, Optional.empty(), reason))
                .orElseGet(() -> ObjectResult.applied(FRR_OBJECT, Optional.empty()))));
        results.addAll(kernel.results());
        return results;
    }

    public boolean failed() {
        return results().stream().anyMatch(ObjectResult::failed);
    }

    public int kernelWrites() {
        return kernel.writes();
    }

    public boolean frrReloaded() {
        return frr.map(FrrEnactment::reloaded).orElse(false);
    }
}
