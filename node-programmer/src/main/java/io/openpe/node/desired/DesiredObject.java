package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.kernel.KernelObject;
import java.util.Optional;

/**
 * A kernel object the plan asks for, with the intent it serves and the VRF its function depends on: without that VRF
 * the object is pointless (a gateway address outside its routing domain) and is reported as failed, not applied.
 */
public record DesiredObject(KernelObject object, SourceRef source, Optional<String> needsVrf) {

    static DesiredObject of(KernelObject object, SourceRef source) {
        return new DesiredObject(object, source, Optional.empty());
    }

    static DesiredObject inVrf(KernelObject object, SourceRef source, String vrf) {
        return new DesiredObject(object, source, Optional.of(vrf));
    }
}
