package io.openpe.intent.model;

import io.openpe.rules.Cidr;
import java.util.List;
import java.util.Objects;

/** The validated Underlay: BGP ASN, VTEP pool, fabric NICs and neighbors, router id pool. */
public record Underlay(ObjectId id, long generation, Asn asn, Cidr vtepCidr, List<String> nics,
    List<Neighbor> neighbors, Cidr routerIdCidr, NodeSelector nodeSelector) implements Intent {

  /** DESIGN §3: routeridcidr defaults to 10.0.0.0/24. */
  public static final Cidr DEFAULT_ROUTER_ID_CIDR = Cidr.parse("10.0.0.0/24");

  public Underlay {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(asn, "asn");
    Objects.requireNonNull(vtepCidr, "vtepCidr");
    Objects.requireNonNull(routerIdCidr, "routerIdCidr");
    Objects.requireNonNull(nodeSelector, "nodeSelector");
    nics = List.copyOf(nics);
    neighbors = List.copyOf(neighbors);
  }
}
