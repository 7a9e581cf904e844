package io.openpe.migration.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 block {@code address/prefix} whose address is the block's first address. Parsed without DNS: only
 * literal addresses are accepted.
 */
public record Cidr(BigInteger network, int prefixLength, int bits) implements Comparable<Cidr> {
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

  public Cidr {
    if (bits != 32 && bits != 128) {
      throw new IllegalArgumentException("address family must have 32 or 128 bits, got " + bits);
    }
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefixLength);
    }
    if (!network.equals(network.and(mask(prefixLength, bits)))) {
      throw new IllegalArgumentException("host bits set in " + format(network, bits) + "/" + prefixLength);
    }
  }

  /** A block, e.g. {@code 192.170.10.0/24}; host bits must be zero. */
  public static Cidr parse(String text) {
    Address address = Address.parseWithPrefix(text);
    return new Cidr(address.value(), address.prefixLength(), address.bits());
  }

  /** The block an interface address such as the gateway {@code 192.170.10.1/24} lies in. */
  public static Cidr enclosing(String interfaceAddress) {
    Address address = Address.parseWithPrefix(interfaceAddress);
    BigInteger network = address.value().and(mask(address.prefixLength(), address.bits()));
    return new Cidr(network, address.prefixLength(), address.bits());
  }

  /** An interface address in canonical spelling ({@code 192.170.10.1/24}, IPv6 compressed). */
  public static String canonicalInterfaceAddress(String text) {
    Address address = Address.parseWithPrefix(text);
    return format(address.value(), address.bits()) + "/" + address.prefixLength();
  }

  /** The single address {@code a/32} (or {@code a/128}). */
  public static Cidr host(BigInteger address, int bits) {
    return new Cidr(address, bits, bits);
  }

  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits - prefixLength);
  }

  public BigInteger last() {
    return network.add(size()).subtract(BigInteger.ONE);
  }

  public boolean contains(BigInteger address) {
    return address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
  }

  public boolean contains(Cidr other) {
    return other.bits == bits && contains(other.network) && contains(other.last());
  }

  /** The lower or upper half of this block. */
  public Cidr half(int which) {
    if (prefixLength == bits) {
      throw new IllegalArgumentException(this + " has no halves");
    }
    BigInteger start = which == 0 ? network : network.add(size().shiftRight(1));
    return new Cidr(start, prefixLength + 1, bits);
  }

  @Override
  public int compareTo(Cidr other) {
    int byAddress = network.compareTo(other.network);
    return byAddress != 0 ? byAddress : Integer.compare(prefixLength, other.prefixLength);
  }

  @Override
  public String toString() {
    return format(network, bits) + "/" + prefixLength;
  }

  static String format(BigInteger value, int bits) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[bits / 8];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger mask(int prefixLength, int bits) {
    BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    return all.xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
  }

  /** An address with its prefix length, before the host bits are checked. */
  record Address(BigInteger value, int prefixLength, int bits) {
    static Address parseWithPrefix(String text) {
      if (text == null) {
        throw new IllegalArgumentException("must be address/prefix, got nothing");
      }
      int slash = text.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("must be address/prefix, got \"" + text + "\"");
      }
      String literal = text.substring(0, slash);
      boolean v4 = IPV4.matcher(literal).matches();
      if (!v4 && !literal.contains(":")) {
        throw new IllegalArgumentException("not an IP address literal: \"" + literal + "\"");
      }
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(literal).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address literal: \"" + literal + "\"");
      }
      int bits = bytes.length * 8;
      int prefix;
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("prefix length must be a number, got \"" + text.substring(slash + 1) + "\"");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefix);
      }
      return new Address(new BigInteger(1, bytes), prefix, bits);
    }
  }
}
