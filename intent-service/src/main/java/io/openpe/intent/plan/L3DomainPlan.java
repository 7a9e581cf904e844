package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;
import java.util.List;
import java.util.Optional;

/** One L3VNI on one node: VRF, router bridge, VXLAN, route targets, optional host session and the router MAC. */
public record L3DomainPlan(ObjectId source, String vrf, long vni, String bridge, VxlanPlan vxlan,
    List<String> exportRts, List<String> importRts, Optional<HostSessionPlan> hostSession, String routerMac)
    implements DomainPlan {
  public L3DomainPlan {
    exportRts = List.copyOf(exportRts);
    importRts = List.copyOf(importRts);
  }
}
