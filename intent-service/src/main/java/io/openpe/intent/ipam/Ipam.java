package io.openpe.intent.ipam;

import io.openpe.intent.model.Vni;
import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;

/** The derived values of DESIGN §4. Each throws {@link IllegalArgumentException} when the node does not fit. */
public final class Ipam {
  /** VXLAN over IPv4 adds 50 bytes: outer Ethernet 14, IPv4 20, UDP 8, VXLAN 8 (RFC 7348 §5). */
  public static final int VXLAN_IPV4_OVERHEAD = 50;
  /** IPv6 needs links of at least 1280 bytes (RFC 8200 §5). */
  public static final int MIN_VETH_MTU = 1280;

  private Ipam() {
  }

  /** Host number {@code nodeIndex} of the VTEP pool: node 0 gets the network address. Used as a /32 on lo. */
  public static IpAddress vtepIp(Cidr vtepCidr, int nodeIndex) {
    return nthHost(vtepCidr, nodeIndex, nodeIndex, vtepCidr.lastHostNumber());
  }

  /** Host number {@code nodeIndex + 1} of the router id pool. */
  public static IpAddress routerId(Cidr routerIdCidr, int nodeIndex) {
    return nthHost(routerIdCidr, nodeIndex, nodeIndex + 1L, routerIdCidr.lastHostNumber());
  }

  /**
   * Router side: the first usable address, the same on every node (the host's BGP peer address does not depend on the
   * node). Host side: host number {@code nodeIndex + 2}. The IPv4 broadcast address is never handed out.
   */
  public static HostSessionIps hostSessionIps(Cidr localCidr, int nodeIndex) {
    long last = localCidr.isIpv6() ? localCidr.lastHostNumber() : localCidr.lastHostNumber() - 1;
    IpAddress router = nthHost(localCidr, 0, 1, last);
    IpAddress host = nthHost(localCidr, nodeIndex, nodeIndex + 2L, last);
    return new HostSessionIps(new Cidr(router, localCidr.prefixLength()), new Cidr(host, localCidr.prefixLength()));
  }

  /**
   * {@code 00:f3} followed by {@code vni + 1} as 4 big-endian bytes (VNI 110 gives 00:f3:00:00:00:6f), the same on every
   * node so that a migrated VM keeps its gateway's MAC.
   */
  public static String anycastGatewayMac(Vni vni) {
    long value = vni.value() + 1;
    return mac(new int[] {0x00, 0xf3, (int) (value >>> 24) & 0xff, (int) (value >>> 16) & 0xff,
        (int) (value >>> 8) & 0xff, (int) value & 0xff});
  }

  /**
   * Router MAC of an L3VNI bridge on one node (EVPN type-5 router MAC, RFC 9135 §8.1): remote VTEPs use it as the
   * inner destination, and FRR refuses a route whose router MAC is one of its own, so it must differ per VTEP across
   * the whole fleet, not only within a cluster (node indexes repeat in every cluster). Locally administered unicast
   * {@code 02}, the VTEP's IPv4 address in four bytes (VTEPs are unique in the fleet: the fleet check reports a
   * collision), and the VNI's low byte, which only tells one node's L3VNIs apart when reading. OpenPERouter leaves it
   * to the kernel; a derived one survives restarts.
   */
  public static String routerMac(IpAddress vtepIp, Vni vni) {
    if (vtepIp.v6()) {
      throw new IllegalArgumentException("the router MAC needs an IPv4 VTEP, got " + vtepIp);
    }
    long a = vtepIp.low();
    return mac(new int[] {0x02, (int) (a >>> 24) & 0xff, (int) (a >>> 16) & 0xff, (int) (a >>> 8) & 0xff,
        (int) a & 0xff, (int) vni.value() & 0xff});
  }

  /** Underlay MTU minus the VXLAN over IPv4 overhead, never below 1280. */
  public static int vethMtu(int underlayMtu) {
    return Math.max(MIN_VETH_MTU, underlayMtu - VXLAN_IPV4_OVERHEAD);
  }

  private static IpAddress nthHost(Cidr cidr, int nodeIndex, long hostNumber, long lastAllowed) {
    if (nodeIndex < 0) {
      throw new IllegalArgumentException("node index must not be negative, got " + nodeIndex);
    }
    if (hostNumber > lastAllowed) {
      throw new IllegalArgumentException("node index " + nodeIndex + " does not fit " + cidr.network() + "/"
          + cidr.prefixLength() + ": it needs host number " + hostNumber + ", the last usable is " + lastAllowed);
    }
    return cidr.hostAt(hostNumber);
  }

  private static String mac(int[] bytes) {
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        out.append(':');
      }
      out.append(Character.forDigit(bytes[i] >>> 4, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return out.toString();
  }
}
