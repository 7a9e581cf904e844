package io.openpe.intent.model;

import io.openpe.rules.Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * BGP session between the router's VRF and the host over a veth pair. {@code asn} is the router side; when the L3VNI
 * leaves it out, the Underlay's ASN of each node is used, so it is only known per node (at planning time).
 */
public record HostSession(Optional<Asn> asn, Asn hostAsn, Optional<Cidr> localCidrV4, Optional<Cidr> localCidrV6) {
  public HostSession {
    Objects.requireNonNull(asn, "asn");
    Objects.requireNonNull(hostAsn, "hostAsn");
    Objects.requireNonNull(localCidrV4, "localCidrV4");
    Objects.requireNonNull(localCidrV6, "localCidrV6");
    if (localCidrV4.isEmpty() && localCidrV6.isEmpty()) {
      throw new IllegalArgumentException("a host session needs localcidr.ipv4 or localcidr.ipv6");
    }
    if (asn.isPresent() && asn.get().equals(hostAsn)) {
      throw new IllegalArgumentException("must differ from the router ASN " + asn.get() + ", got " + hostAsn);
    }
  }

  /** A session whose router-side ASN is given on the L3VNI. */
  public HostSession(Asn asn, Asn hostAsn, Optional<Cidr> localCidrV4, Optional<Cidr> localCidrV6) {
    this(Optional.of(asn), hostAsn, localCidrV4, localCidrV6);
  }

  /** The router-side ASN on a node whose Underlay has {@code underlayAsn}. */
  public Asn routerAsn(Asn underlayAsn) {
    return asn.orElse(underlayAsn);
  }
}
