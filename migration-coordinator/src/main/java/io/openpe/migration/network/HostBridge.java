package io.openpe.migration.network;

import java.util.OptionalLong;

/**
 * The node's host bridge of an L2VNI, {@code br-hs-<vni>}: what a bridge-CNI NetworkAttachmentDefinition names to
 * reach the overlay. The rule is intent-service's ({@code InterfaceNames.hostBridge}) and node-programmer's
 * ({@code Bridge}); the coordinator cannot depend on either application, so it is written here once more and pinned by
 * the seed's {@code br-hs-666}.
 */
public final class HostBridge {
  public static final String PREFIX = "br-hs-";

  private HostBridge() {
  }

  public static String nameFor(long vni) {
    return PREFIX + vni;
  }

  /** The VNI of a host bridge name, empty for any other name. */
  public static OptionalLong vniOf(String bridge) {
    if (bridge == null || !bridge.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    String digits = bridge.substring(PREFIX.length());
    if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(digits));
  }
}
