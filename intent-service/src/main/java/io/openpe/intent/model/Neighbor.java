package io.openpe.intent.model;

import io.openpe.rules.IpAddress;
import java.util.Objects;

/** A fabric BGP neighbor of the underlay; {@code address} is a canonical IP address. */
public record Neighbor(Asn asn, String address) {
  public Neighbor {
    Objects.requireNonNull(asn, "asn");
    address = IpAddress.parse(address).toString();
  }
}
