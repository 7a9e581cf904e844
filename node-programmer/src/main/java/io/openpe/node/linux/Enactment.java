package io.openpe.node.linux;

import io.openpe.node.desired.FrrPart;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.NodePlan.SourceRef;
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
public record Enactment(long generation, String planHash, Optional<FrrEnactment> frr, List<FrrPart> frrParts,
                         KernelEnactment kernel) {

    /** The result's name when the plan has no FRR part (no Underlay): the configuration as a whole. */
    public static final String FRR_OBJECT = "frr config";

    public Enactment {
        frrParts = List.copyOf(frrParts);
    }

    /**
     * Every object's result: each FRR part with the intent it serves, then the kernel objects. FRR applies a
     * configuration as a whole ({@code frr-reload.py}), so a failure fails every part, with the reason.
     */
    public List<ObjectResult> results() {
        List<ObjectResult> results = new ArrayList<>();
        frr.ifPresent(f -> {
            if (frrParts.isEmpty()) {
                results.add(frrResult(FRR_OBJECT, Optional.empty(), f));
            }
            frrParts.forEach(part -> results.add(frrResult(part.object(), Optional.of(part.source()), f)));
        });
        results.addAll(kernel.results());
        return results;
    }

    private static ObjectResult frrResult(String object, Optional<SourceRef> source, FrrEnactment frr) {
        return frr.failure().map(reason -> ObjectResult.failed(object, source, reason))
                .orElseGet(() -> ObjectResult.applied(object, source));
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
