package io.openpe.intent.model;

import io.openpe.rules.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated L2VNI. No VRF means a disconnected layer 2 overlay. {@code gatewayIp} is the anycast gateway address
 * with its prefix length. {@code vxlanPort} is 0 when unset (see {@link L3Vni}).
 */
public record L2Vni(ObjectId id, long generation, Vni vni, Optional<VrfName> vrf, Optional<Cidr> gatewayIp,
    HostMaster hostMaster, int vxlanPort, NodeSelector nodeSelector) implements Intent {

  public L2Vni {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vni, "vni");
    Objects.requireNonNull(vrf, "vrf");
    Objects.requireNonNull(gatewayIp, "gatewayIp");
    Objects.requireNonNull(hostMaster, "hostMaster");
    Objects.requireNonNull(nodeSelector, "nodeSelector");
    VxlanPorts.requireValidOrUnset(vxlanPort);
  }

  public int vxlanPortOr(int defaultPort) {
    return vxlanPort == 0 ? defaultPort : vxlanPort;
  }
}
