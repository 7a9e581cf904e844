package io.openpe.intent.model;

import io.openpe.rules.RouteTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated L3VNI. {@code vxlanPort} is 0 when the object does not set it: the plan then uses the configured
 * default (4789 unless changed), see {@link #vxlanPortOr(int)}.
 */
public record L3Vni(ObjectId id, long generation, Vni vni, VrfName vrf, Optional<HostSession> hostSession,
    List<RouteTarget> exportRts, List<RouteTarget> importRts, int vxlanPort, NodeSelector nodeSelector)
    implements Intent {

  public L3Vni {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vni, "vni");
    Objects.requireNonNull(vrf, "vrf");
    Objects.requireNonNull(hostSession, "hostSession");
    Objects.requireNonNull(nodeSelector, "nodeSelector");
    exportRts = List.copyOf(exportRts);
    importRts = List.copyOf(importRts);
    VxlanPorts.requireValidOrUnset(vxlanPort);
  }

  public int vxlanPortOr(int defaultPort) {
    return vxlanPort == 0 ? defaultPort : vxlanPort;
  }
}
