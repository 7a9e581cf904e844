package io.openpe.intent.validation;

import io.openpe.intent.model.HostSession;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.intent.model.VrfName;
import io.openpe.rules.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-object rules, decided in {@link ObjectId} order: an object is checked only against objects already accepted,
 * so the first by namespace/name always wins and a loser never blocks a third object.
 */
final class Conflicts {
  private final Map<Long, ObjectId> vniOwners = new HashMap<>();
  private final Map<VrfName, ObjectId> vrfOwners = new HashMap<>();
  private final Map<VrfName, List<Subnet>> subnetsByVrf = new HashMap<>();
  private final List<Intent> winners = new ArrayList<>();
  private final List<ResourceError> rejected = new ArrayList<>();

  private record Subnet(Cidr cidr, ObjectId owner) {
  }

  private Conflicts() {
  }

  static ConflictResolution resolve(Intents all) {
    Conflicts conflicts = new Conflicts();
    all.all().forEach(conflicts::decide);
    return new ConflictResolution(Intents.of(conflicts.winners), conflicts.rejected);
  }

  private void decide(Intent intent) {
    FieldErrors errors = new FieldErrors(intent.id());
    switch (intent) {
      case Underlay underlay -> {
        // One Underlay per node is decided per node by the planner.
      }
      case L3Vni l3 -> checkL3(l3, errors);
      case L2Vni l2 -> checkL2(l2, errors);
    }
    if (!errors.isEmpty()) {
      rejected.addAll(errors.all());
      return;
    }
    winners.add(intent);
    switch (intent) {
      case Underlay underlay -> {
      }
      case L3Vni l3 -> {
        vniOwners.put(l3.vni().value(), l3.id());
        vrfOwners.put(l3.vrf(), l3.id());
        l3.hostSession().ifPresent(session -> sessionCidrs(session).forEach(c -> subnetsOf(l3.vrf()).add(
            new Subnet(c, l3.id()))));
      }
      case L2Vni l2 -> {
        vniOwners.put(l2.vni().value(), l2.id());
        l2.vrf().ifPresent(vrf -> l2.gatewayIp().ifPresent(g -> subnetsOf(vrf).add(new Subnet(g, l2.id()))));
      }
    }
  }

  private void checkL3(L3Vni l3, FieldErrors errors) {
    checkVni(l3.vni().value(), errors);
    ObjectId vrfOwner = vrfOwners.get(l3.vrf());
    if (vrfOwner != null) {
      errors.add("spec.vrf", "VRF " + l3.vrf() + " is already defined by " + vrfOwner);
    }
    l3.hostSession().ifPresent(session -> {
      session.localCidrV4().ifPresent(c -> checkOverlap("spec.localcidr.ipv4", c, l3.vrf(), errors));
      session.localCidrV6().ifPresent(c -> checkOverlap("spec.localcidr.ipv6", c, l3.vrf(), errors));
    });
  }

  private void checkL2(L2Vni l2, FieldErrors errors) {
    checkVni(l2.vni().value(), errors);
    l2.vrf().ifPresent(vrf -> l2.gatewayIp().ifPresent(g -> checkOverlap("spec.l2gatewayip", g, vrf, errors)));
  }

  private void checkVni(long vni, FieldErrors errors) {
    ObjectId owner = vniOwners.get(vni);
    if (owner != null) {
      errors.add("spec.vni", "VNI " + vni + " is already used by " + owner);
    }
  }

  private void checkOverlap(String field, Cidr cidr, VrfName vrf, FieldErrors errors) {
    for (Subnet subnet : subnetsByVrf.getOrDefault(vrf, List.of())) {
      if (subnet.cidr().overlaps(cidr)) {
        errors.add(field, cidr + " overlaps " + subnet.cidr() + " of " + subnet.owner() + " in VRF " + vrf);
      }
    }
  }

  private List<Subnet> subnetsOf(VrfName vrf) {
    return subnetsByVrf.computeIfAbsent(vrf, v -> new ArrayList<>());
  }

  private static List<Cidr> sessionCidrs(HostSession session) {
    List<Cidr> cidrs = new ArrayList<>(2);
    session.localCidrV4().ifPresent(cidrs::add);
    session.localCidrV6().ifPresent(cidrs::add);
    return cidrs;
  }

}
