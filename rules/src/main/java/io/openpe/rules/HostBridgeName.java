package io.openpe.rules;

import java.util.OptionalLong;

/**
 * The host bridge of an L2VNI, {@code br-hs-<vni>} (DESIGN §4): intent-service plans it, node-programmer creates and
 * sweeps it, a bridge-CNI NetworkAttachmentDefinition names it to reach the overlay (migration-coordinator reads the
 * VNI back from it), and the lab plugs workloads into it. One spelling for all of them.
 */
public final class HostBridgeName {
  public static final String PREFIX = "br-hs-";

  private HostBridgeName() {
  }

  /** @throws IllegalArgumentException when {@code vni} is not a VNI */
  public static String of(long vni) {
    return PREFIX + NumberRange.VNI.requireValid(vni);
  }

  /** The VNI of a host bridge name; empty for any other name, leading zeros and out-of-range numbers included. */
  public static OptionalLong vniOf(String name) {
    if (name == null || !name.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    String digits = name.substring(PREFIX.length());
    if (digits.isEmpty() || digits.length() > 8 || digits.charAt(0) == '0'
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long vni = Long.parseLong(digits);
    return NumberRange.VNI.contains(vni) ? OptionalLong.of(vni) : OptionalLong.empty();
  }
}
