package io.openpe.rules;

import java.util.Objects;

/**
 * An address with a prefix length, IPv4 or IPv6. The address may have host bits set ({@code 192.170.1.1/24} is a
 * gateway address in its subnet); {@link #network()} clears them.
 */
public record Cidr(IpAddress address, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(address, "address");
    if (prefixLength < 0 || prefixLength > address.bits()) {
      throw new IllegalArgumentException("prefix length must be between 0 and " + address.bits() + ", got "
          + prefixLength);
    }
  }

  /** Parses "address/length"; the message of the exception is the user-facing reason. */
  public static Cidr parse(String text) {
    String notCidr = "must be a CIDR like 192.0.2.0/24 or 2001:db8::/64, got " + Quoted.of(text);
    if (text == null) {
      throw new IllegalArgumentException(notCidr);
    }
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException(notCidr);
    }
    IpAddress address;
    try {
      address = IpAddress.parse(text.substring(0, slash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(notCidr);
    }
    String length = text.substring(slash + 1);
    if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)
        || (length.length() > 1 && length.charAt(0) == '0')) {
      throw new IllegalArgumentException(notCidr);
    }
    return new Cidr(address, Integer.parseInt(length));
  }

  public boolean isIpv6() {
    return address.v6();
  }

  /** Number of host bits: 32 or 128 minus the prefix length. */
  public int hostBits() {
    return address.bits() - prefixLength;
  }

  /** The network address: host bits cleared. */
  public IpAddress network() {
    int hostBits = hostBits();
    if (!address.v6()) {
      long mask = hostBits == 32 ? 0 : (0xFFFF_FFFFL << hostBits) & 0xFFFF_FFFFL;
      return new IpAddress(0, address.low() & mask, false);
    }
    long highMask = hostBits >= 128 ? 0 : hostBits <= 64 ? -1L : -1L << (hostBits - 64);
    long lowMask = hostBits >= 64 ? 0 : hostBits == 0 ? -1L : -1L << hostBits;
    return new IpAddress(address.high() & highMask, address.low() & lowMask, true);
  }

  /** True when host number {@code n} (the network address is 0) is inside this CIDR. */
  public boolean hasHost(long n) {
    return n >= 0 && (hostBits() >= 63 || n < (1L << hostBits()));
  }

  /** The {@code n}-th address counting the network address as 0. */
  public IpAddress hostAt(long n) {
    if (!hasHost(n)) {
      throw new IllegalArgumentException("host number " + n + " is outside " + this);
    }
    return network().plus(n);
  }

  /** The highest host number this CIDR holds, saturated at {@link Long#MAX_VALUE} for big IPv6 prefixes. */
  public long lastHostNumber() {
    return hostBits() >= 63 ? Long.MAX_VALUE : (1L << hostBits()) - 1;
  }

  public boolean contains(IpAddress other) {
    return other.v6() == address.v6() && new Cidr(other, prefixLength).network().equals(network());
  }

  /** True when the two networks share an address (one contains the other's network). */
  public boolean overlaps(Cidr other) {
    if (other.isIpv6() != isIpv6()) {
      return false;
    }
    int shorter = Math.min(prefixLength, other.prefixLength);
    return new Cidr(address, shorter).network().equals(new Cidr(other.address, shorter).network());
  }

  /** The same address with a different prefix length, e.g. a /32 host route. */
  public static Cidr host(IpAddress address) {
    return new Cidr(address, address.bits());
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
