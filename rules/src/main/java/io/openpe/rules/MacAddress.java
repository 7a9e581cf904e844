package io.openpe.rules;

import java.util.regex.Pattern;

/**
 * A unicast Ethernet address as the kernel and FRR print it: six pairs of hex digits separated by colons. A bridge
 * or router MAC is a source address, so a group address (low bit of the first octet set, IEEE 802 §8.2) and the
 * all-zero address are refused.
 */
public final class MacAddress {
  private static final Pattern SHAPE = Pattern.compile("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$");

  private MacAddress() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static String requireValid(String mac) {
    if (mac == null || !SHAPE.matcher(mac).matches()) {
      throw new IllegalArgumentException("must be a MAC address like 00:f3:00:00:00:6f, got "
          + Quoted.of(mac == null ? "" : mac));
    }
    if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
      throw new IllegalArgumentException("must be a unicast MAC address, got the group address \"" + mac + "\"");
    }
    if (mac.equals("00:00:00:00:00:00")) {
      throw new IllegalArgumentException("must not be the all-zero MAC address");
    }
    return mac;
  }
}
