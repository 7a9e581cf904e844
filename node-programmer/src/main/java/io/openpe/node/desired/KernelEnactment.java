package io.openpe.node.desired;

import io.openpe.node.kernel.KernelChange;
import java.util.List;

/**
 * The outcome of converging the kernel once.
 *
 * @param changes  the diff that was applied, in order
 * @param results  one per desired object and per removed object
 * @param writes   kernel writes made: {@code ip -batch} commands sent plus sysctls written; zero when nothing changed
 */
public record KernelEnactment(List<KernelChange> changes, List<ObjectResult> results, int writes,
        List<CapabilityFinding> capabilities) {

    public KernelEnactment {
        changes = List.copyOf(changes);
        results = List.copyOf(results);
        capabilities = List.copyOf(capabilities);
    }

    public List<ObjectResult> failures() {
        return results.stream().filter(ObjectResult::failed).toList();
    }
}
