package io.openpe.intent.validation;

import io.openpe.intent.api.UnderlayNeighbor;
import io.openpe.intent.api.UnderlaySpec;
import io.openpe.intent.model.Asn;
import io.openpe.intent.model.Neighbor;
import io.openpe.intent.model.NodeSelector;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.rules.Cidr;
import io.openpe.rules.InterfaceName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Per-object rules of an Underlay. */
final class UnderlayValidation {
  private UnderlayValidation() {
  }

  static ObjectValidation fromCr(ObjectId id, long generation, UnderlaySpec spec, FieldErrors errors) {
    Optional<Asn> asn = errors.required("spec.asn", spec.getAsn(), () -> new Asn(spec.getAsn()));
    String vtep = spec.getEvpn() == null ? null : spec.getEvpn().getVtepcidr();
    Optional<Cidr> vtepCidr = errors.required("spec.evpn.vtepcidr", vtep, () -> Cidrs.ipv4(vtep));
    List<String> nics = nicsFromCr(spec.getNics(), errors);
    List<Neighbor> neighbors = neighborsFromCr(spec.getNeighbors(), errors);
    Optional<Cidr> routerIdCidr = spec.getRouteridcidr() == null ? Optional.of(Underlay.DEFAULT_ROUTER_ID_CIDR)
        : errors.check("spec.routeridcidr", () -> Cidrs.ipv4(spec.getRouteridcidr()));
    Optional<NodeSelector> selector = NodeSelectors.fromCr(spec.getNodeSelector(), errors);
    if (!errors.isEmpty()) {
      return new ObjectValidation.Rejected(errors.all());
    }
    return new ObjectValidation.Accepted(new Underlay(id, generation, asn.orElseThrow(), vtepCidr.orElseThrow(), nics,
        neighbors, routerIdCidr.orElseThrow(), selector.orElseThrow()));
  }

  private static List<String> nicsFromCr(List<String> nics, FieldErrors errors) {
    if (nics == null || nics.isEmpty()) {
      errors.add("spec.nics", "must name at least one interface");
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < nics.size(); i++) {
      String nic = nics.get(i);
      String field = "spec.nics[" + i + "]";
      errors.check(field, () -> InterfaceName.requireValid(nic)).ifPresent(valid::add);
      if (nic != null && !seen.add(nic)) {
        errors.add(field, "duplicate interface \"" + nic + "\"");
      }
    }
    return valid;
  }

  private static List<Neighbor> neighborsFromCr(List<UnderlayNeighbor> neighbors, FieldErrors errors) {
    if (neighbors == null || neighbors.isEmpty()) {
      errors.add("spec.neighbors", "must list at least one neighbor");
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    List<Neighbor> valid = new ArrayList<>();
    for (int i = 0; i < neighbors.size(); i++) {
      UnderlayNeighbor neighbor = neighbors.get(i);
      String field = "spec.neighbors[" + i + "]";
      if (neighbor == null) {
        errors.add(field, FieldErrors.REQUIRED);
        continue;
      }
      Optional<Asn> asn = errors.required(field + ".asn", neighbor.getAsn(), () -> new Asn(neighbor.getAsn()));
      Optional<Neighbor> parsed = errors.required(field + ".address", neighbor.getAddress(),
          () -> new Neighbor(new Asn(1), neighbor.getAddress()));
      if (parsed.isPresent() && !seen.add(parsed.get().address())) {
        errors.add(field + ".address", "duplicate neighbor " + parsed.get().address());
      }
      if (asn.isPresent() && parsed.isPresent()) {
        valid.add(new Neighbor(asn.get(), parsed.get().address()));
      }
    }
    return valid;
  }
}
