package io.openpe.intent.model;

import io.openpe.rules.HostBridgeName;
import io.openpe.rules.InterfaceName;
import java.util.OptionalLong;

/**
 * Every Linux device name openpe derives (DESIGN §4), with its reverse parse so that cleanup can list by prefix and
 * delete what is not desired. The longest, {@code br-pe-16777215}, fits the kernel's 15 characters (IFNAMSIZ - 1).
 * The rule every name follows is {@link InterfaceName}, shared with node-programmer.
 */
public final class InterfaceNames {
  public static final int MAX_LENGTH = InterfaceName.MAX_LENGTH;

  public static final String ROUTER_BRIDGE_PREFIX = "br-pe-";
  public static final String VXLAN_PREFIX = "vni";
  public static final String ROUTER_VETH_PREFIX = "pe-";
  public static final String HOST_VETH_PREFIX = "host-";
  public static final String HOST_BRIDGE_PREFIX = HostBridgeName.PREFIX;

  private InterfaceNames() {
  }

  public static String vrf(VrfName vrf) {
    return vrf.value();
  }

  public static String routerBridge(Vni vni) {
    return ROUTER_BRIDGE_PREFIX + vni.value();
  }

  public static String vxlan(Vni vni) {
    return VXLAN_PREFIX + vni.value();
  }

  public static String routerVeth(Vni vni) {
    return ROUTER_VETH_PREFIX + vni.value();
  }

  public static String hostVeth(Vni vni) {
    return HOST_VETH_PREFIX + vni.value();
  }

  public static String hostBridge(Vni vni) {
    return HostBridgeName.of(vni.value());
  }

  public static OptionalLong vniOfRouterBridge(String name) {
    return vniAfter(ROUTER_BRIDGE_PREFIX, name);
  }

  public static OptionalLong vniOfVxlan(String name) {
    return vniAfter(VXLAN_PREFIX, name);
  }

  public static OptionalLong vniOfRouterVeth(String name) {
    return vniAfter(ROUTER_VETH_PREFIX, name);
  }

  public static OptionalLong vniOfHostVeth(String name) {
    return vniAfter(HOST_VETH_PREFIX, name);
  }

  public static OptionalLong vniOfHostBridge(String name) {
    return HostBridgeName.vniOf(name);
  }

  /** The VNI in a name we derived, or empty when the name is not ours (wrong prefix, not a canonical valid VNI). */
  private static OptionalLong vniAfter(String prefix, String name) {
    if (name == null || !name.startsWith(prefix)) {
      return OptionalLong.empty();
    }
    String digits = name.substring(prefix.length());
    if (digits.isEmpty() || digits.length() > 8 || digits.charAt(0) == '0'
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long vni = Long.parseLong(digits);
    return vni <= Vni.MAX ? OptionalLong.of(vni) : OptionalLong.empty();
  }
}
