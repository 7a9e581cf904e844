package io.openpe.intent.plan;

import java.util.Objects;
import java.util.Optional;

/** BGP session between the VRF and the host; addresses in CIDR notation with the local CIDR's prefix length. */
public record HostSessionPlan(VethPlan veth, long routerAsn, long hostAsn, Optional<String> routerIpv4,
    Optional<String> hostIpv4, Optional<String> routerIpv6, Optional<String> hostIpv6) {
  public HostSessionPlan {
    Objects.requireNonNull(veth, "veth");
    Objects.requireNonNull(routerIpv4, "routerIpv4");
    Objects.requireNonNull(hostIpv4, "hostIpv4");
    Objects.requireNonNull(routerIpv6, "routerIpv6");
    Objects.requireNonNull(hostIpv6, "hostIpv6");
  }
}
