package io.openpe.intent.validation;

import io.openpe.rules.Cidr;

/** CIDR rules shared by the kinds: family and room for the addresses derived from it. */
final class Cidrs {
  private Cidrs() {
  }

  static Cidr ipv4(String text) {
    Cidr cidr = Cidr.parse(text);
    if (cidr.isIpv6()) {
      throw new IllegalArgumentException("must be an IPv4 CIDR, got \"" + text + "\"");
    }
    return cidr;
  }

  static Cidr ipv6(String text) {
    Cidr cidr = Cidr.parse(text);
    if (!cidr.isIpv6()) {
      throw new IllegalArgumentException("must be an IPv6 CIDR, got \"" + text + "\"");
    }
    return cidr;
  }

  /** The host session takes the first usable address for the router and index+2 for the host (DESIGN §4). */
  static Cidr hostSessionPool(Cidr cidr) {
    int max = cidr.isIpv6() ? 126 : 30;
    if (cidr.prefixLength() > max) {
      throw new IllegalArgumentException("prefix length must be at most " + max
          + " to hold the router and host addresses, got " + cidr);
    }
    return cidr;
  }

  /** An anycast gateway is an interface address: not the network address, nor the IPv4 broadcast address. */
  static Cidr gatewayAddress(String text) {
    Cidr cidr = Cidr.parse(text);
    boolean pointToPoint = cidr.hostBits() <= 1;
    if (!pointToPoint && cidr.address().equals(cidr.network())) {
      throw new IllegalArgumentException("must be a host address with a prefix length, got the network address "
          + cidr);
    }
    if (!pointToPoint && !cidr.isIpv6() && cidr.address().equals(cidr.hostAt(cidr.lastHostNumber()))) {
      throw new IllegalArgumentException("must be a host address with a prefix length, got the broadcast address "
          + cidr);
    }
    return cidr;
  }
}
