package io.openpe.intent.plan;

import io.openpe.intent.ipam.HostSessionIps;
import io.openpe.intent.ipam.Ipam;
import io.openpe.intent.model.Asn;
import io.openpe.intent.model.HostSession;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.InterfaceNames;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import io.openpe.rules.RouteTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The winning intents prepared for planning many nodes: everything that is the same on every node (names, route
 * targets, gateway and its MAC) is computed once here and shared by all plans. Immutable; one per set of winners.
 */
public final class PlanIndex {
  private static final Comparator<Rejection> REJECTION_ORDER = Comparator.comparing(Rejection::object)
      .thenComparing(Rejection::field).thenComparing(Rejection::reason);
  private static final Comparator<PlanWarning> WARNING_ORDER = Comparator.comparing(PlanWarning::object)
      .thenComparing(PlanWarning::field).thenComparing(PlanWarning::message);

  private final PlanSettings settings;
  private final List<Underlay> underlays;
  private final List<L3Template> l3Templates;
  private final List<L2Template> l2Templates;
  private final Map<ObjectId, L3Template> l3ById = new HashMap<>();
  private final Map<ObjectId, L2Template> l2ById = new HashMap<>();
  private final Map<String, List<L3Template>> l3ByVrf = new HashMap<>();
  private final Map<String, List<L2Template>> l2ByVrf = new HashMap<>();

  private record L3Template(L3Vni intent, String vrf, String bridge, String vxlan, int port, List<String> exportRts,
      List<String> importRts, VethPlan veth) {
  }

  private record L2Template(L2Vni intent, Optional<String> vrf, String bridge, String vxlan, int port, VethPlan veth,
      HostBridgePlan hostBridge, Optional<String> gatewayIp, Optional<String> gatewayMac) {
  }

  /** The node's underlay after the one-Underlay-per-node rule, or why there is none. */
  private record UnderlayContext(Optional<UnderlayPlan> plan, Optional<Underlay> intent, String missingReason,
      List<Rejection> rejections) {
  }

  private PlanIndex(Intents winners, PlanSettings settings) {
    this.settings = settings;
    this.underlays = winners.underlays();
    int vethMtu = Ipam.vethMtu(settings.underlayMtu());
    List<L3Template> l3 = new ArrayList<>();
    for (L3Vni intent : winners.l3Vnis()) {
      L3Template t = new L3Template(intent, InterfaceNames.vrf(intent.vrf()), InterfaceNames.routerBridge(intent.vni()),
          InterfaceNames.vxlan(intent.vni()), intent.vxlanPortOr(settings.defaultVxlanPort()),
          intent.exportRts().stream().map(RouteTarget::toString).toList(),
          intent.importRts().stream().map(RouteTarget::toString).toList(),
          new VethPlan(InterfaceNames.routerVeth(intent.vni()), InterfaceNames.hostVeth(intent.vni()), vethMtu));
      l3.add(t);
      l3ById.put(intent.id(), t);
      l3ByVrf.computeIfAbsent(t.vrf(), v -> new ArrayList<>()).add(t);
    }
    List<L2Template> l2 = new ArrayList<>();
    for (L2Vni intent : winners.l2Vnis()) {
      L2Template t = new L2Template(intent, intent.vrf().map(InterfaceNames::vrf),
          InterfaceNames.routerBridge(intent.vni()), InterfaceNames.vxlan(intent.vni()),
          intent.vxlanPortOr(settings.defaultVxlanPort()),
          new VethPlan(InterfaceNames.routerVeth(intent.vni()), InterfaceNames.hostVeth(intent.vni()), vethMtu),
          new HostBridgePlan(intent.hostMaster().bridgeName(intent.vni()), intent.hostMaster().autocreate()),
          intent.gatewayIp().map(Cidr::toString),
          intent.gatewayIp().map(g -> Ipam.anycastGatewayMac(intent.vni())));
      l2.add(t);
      l2ById.put(intent.id(), t);
      t.vrf().ifPresent(vrf -> l2ByVrf.computeIfAbsent(vrf, v -> new ArrayList<>()).add(t));
    }
    l3.sort(Comparator.comparingLong(t -> t.intent().vni().value()));
    l2.sort(Comparator.comparingLong(t -> t.intent().vni().value()));
    this.l3Templates = List.copyOf(l3);
    this.l2Templates = List.copyOf(l2);
  }

  public static PlanIndex of(Intents winners, PlanSettings settings) {
    return new PlanIndex(winners, settings);
  }

  /** The plan of one node from scratch. */
  public NodePlan forNode(String cluster, Node node) {
    UnderlayContext underlay = underlayFor(node);
    List<Rejection> rejections = new ArrayList<>(underlay.rejections());
    List<PlanWarning> warnings = new ArrayList<>();
    List<L3DomainPlan> l3Domains = new ArrayList<>();
    for (L3Template t : l3Templates) {
      if (t.intent().nodeSelector().matches(node.labels())) {
        planL3(t, node, underlay, l3Domains, rejections);
      }
    }
    DomainList<L3DomainPlan> l3OnNode = DomainList.of(l3Domains);
    List<L2DomainPlan> l2Domains = new ArrayList<>();
    for (L2Template t : l2Templates) {
      if (t.intent().nodeSelector().matches(node.labels())) {
        planL2(t, node, underlay, vrf -> definesVrf(l3OnNode, vrf), l2Domains, rejections, warnings);
      }
    }
    return assemble(cluster, node, underlay, l3OnNode, l2Domains, rejections, warnings);
  }

  /**
   * The plan of {@code node} after {@code diff}, derived from its {@code previous} plan: only the domains of changed
   * objects (and of L2VNIs whose VRF's L3VNI changed) are planned again. Equal to {@link #forNode} on this index when
   * {@code previous} was planned from the intents before the diff, for the same node facts and settings.
   */
  public NodePlan patch(String cluster, NodePlan previous, Node node, IntentDiff diff) {
    return patch(cluster, previous, node, changeOf(diff));
  }

  /** What a diff changes on every node it selects, worked out once for all of them. */
  record Change(IntentDiff diff, List<L3Template> l3Again, List<DomainList.Key> l3Removed, List<L2Template> l2Again,
      List<DomainList.Key> l2Removed, Set<ObjectId> dropped) {
  }

  Change changeOf(IntentDiff diff) {
    List<L3Template> l3Again = new ArrayList<>();
    List<DomainList.Key> l3Removed = new ArrayList<>();
    // The L2VNIs planned again: the changed ones, and those in a VRF whose L3VNI changed (they may become node-local
    // or stop being so).
    Set<ObjectId> l2AgainIds = new HashSet<>();
    List<DomainList.Key> l2Removed = new ArrayList<>();
    for (var intent : diff.newVersions()) {
      switch (intent) {
        case L3Vni l3 -> l3Again.add(l3ById.get(l3.id()));
        case L2Vni l2 -> l2AgainIds.add(l2.id());
        case Underlay u -> {
        }
      }
    }
    for (var intent : diff.oldVersions()) {
      switch (intent) {
        case L3Vni l3 -> l3Removed.add(new DomainList.Key(l3.vni().value(), l3.id()));
        case L2Vni l2 -> {
          l2AgainIds.add(l2.id());
          l2Removed.add(new DomainList.Key(l2.vni().value(), l2.id()));
        }
        case Underlay u -> {
        }
      }
    }
    for (String vrf : diff.l3Vrfs()) {
      l2ByVrf.getOrDefault(vrf, List.of()).forEach(t -> l2AgainIds.add(t.intent().id()));
    }
    List<L2Template> l2Again = new ArrayList<>();
    for (ObjectId id : l2AgainIds) {
      L2Template t = l2ById.get(id);
      if (t != null) {
        l2Again.add(t);
        // An unchanged L2VNI has the same VNI before and after: its old domain is found by the new one.
        l2Removed.add(new DomainList.Key(t.intent().vni().value(), id));
      }
    }
    Set<ObjectId> dropped = new HashSet<>(diff.ids());
    dropped.addAll(l2AgainIds);
    return new Change(diff, l3Again, l3Removed, l2Again, l2Removed, dropped);
  }

  NodePlan patch(String cluster, NodePlan previous, Node node, Change change) {
    IntentDiff diff = change.diff();
    if (!diff.affects(node)) {
      return previous;
    }
    if (diff.touchesUnderlayOf(node) || previous.nodeIndex() != node.index()) {
      return forNode(cluster, node);
    }
    // Neither the node's Underlay nor its index changed: its underlay plan is the previous one.
    UnderlayContext underlay = previous.underlay().isPresent()
        ? new UnderlayContext(previous.underlay(), Optional.empty(), "", List.of())
        : underlayFor(node);

    // A domain list changes only where the diff touches it; the new list shares every other domain with the previous
    // plan, so a change to one VNI costs one array copy per node it selects, not a rebuild of every domain.
    List<Rejection> addedRejections = new ArrayList<>();
    List<PlanWarning> addedWarnings = new ArrayList<>();
    List<L3DomainPlan> addedL3 = new ArrayList<>();
    for (L3Template t : change.l3Again()) {
      if (t.intent().nodeSelector().matches(node.labels())) {
        planL3(t, node, underlay, addedL3, addedRejections);
      }
    }
    DomainList<L3DomainPlan> l3Domains = DomainList.of(previous.l3Domains()).patched(change.l3Removed(), addedL3);
    List<L2DomainPlan> addedL2 = new ArrayList<>();
    for (L2Template t : change.l2Again()) {
      if (t.intent().nodeSelector().matches(node.labels())) {
        planL2(t, node, underlay, vrf -> definesVrf(l3Domains, vrf), addedL2, addedRejections, addedWarnings);
      }
    }
    DomainList<L2DomainPlan> l2Domains = DomainList.of(previous.l2Domains()).patched(change.l2Removed(), addedL2);

    Set<ObjectId> dropped = change.dropped();
    List<Rejection> rejections = previous.rejections();
    if (!addedRejections.isEmpty() || rejections.stream().anyMatch(r -> dropped.contains(r.object()))) {
      rejections = new ArrayList<>(rejections);
      rejections.removeIf(r -> dropped.contains(r.object()));
      rejections.addAll(addedRejections);
      rejections.sort(REJECTION_ORDER);
    }
    List<PlanWarning> warnings = previous.warnings();
    if (!addedWarnings.isEmpty() || warnings.stream().anyMatch(w -> dropped.contains(w.object()))) {
      warnings = new ArrayList<>(warnings);
      warnings.removeIf(w -> dropped.contains(w.object()));
      warnings.addAll(addedWarnings);
      warnings.sort(WARNING_ORDER);
    }
    return new NodePlan(cluster, node.name(), node.index(), underlay.plan(), l3Domains, l2Domains, settings.bmp(),
        rejections, warnings);
  }

  /**
   * True when one of {@code l3Domains} (a node's, sorted by VNI, planned from this index) defines {@code vrf}: found
   * through the L3VNIs of that VRF instead of collecting every VRF of the node.
   */
  private boolean definesVrf(DomainList<L3DomainPlan> l3Domains, String vrf) {
    for (L3Template t : l3ByVrf.getOrDefault(vrf, List.of())) {
      int at = l3Domains.indexOf(t.intent().vni().value());
      if (at >= 0 && l3Domains.get(at).vrf().equals(vrf)) {
        return true;
      }
    }
    return false;
  }

  /** DESIGN §3/§4: one Underlay per node, the first by namespace/name; the others are rejected on this node. */
  private UnderlayContext underlayFor(Node node) {
    List<Underlay> selecting = underlays.stream().filter(u -> u.nodeSelector().matches(node.labels())).toList();
    if (selecting.isEmpty()) {
      return new UnderlayContext(Optional.empty(), Optional.empty(), "no Underlay selects node " + node.name(),
          List.of());
    }
    Underlay chosen = selecting.getFirst();
    List<Rejection> rejections = new ArrayList<>();
    for (Underlay other : selecting.subList(1, selecting.size())) {
      rejections.add(new Rejection(other.id(), "spec.nodeSelector", "node " + node.name()
          + " already has " + chosen.id() + " (one Underlay per node, the first by namespace/name wins)"));
    }
    Optional<UnderlayPlan> plan = Optional.empty();
    try {
      String vtep = Ipam.vtepIp(chosen.vtepCidr(), node.index()).toString();
      try {
        String routerId = Ipam.routerId(chosen.routerIdCidr(), node.index()).toString();
        plan = Optional.of(new UnderlayPlan(chosen.id(), chosen.asn().value(), routerId, vtep, chosen.nics(),
            chosen.neighbors(), settings.underlayMtu()));
      } catch (IllegalArgumentException e) {
        rejections.add(new Rejection(chosen.id(), "spec.routeridcidr", e.getMessage()));
      }
    } catch (IllegalArgumentException e) {
      rejections.add(new Rejection(chosen.id(), "spec.evpn.vtepcidr", e.getMessage()));
    }
    String missing = "the Underlay of node " + node.name() + ", " + chosen.id() + ", could not be planned on it";
    return new UnderlayContext(plan, Optional.of(chosen), missing, rejections);
  }

  private static void planL3(L3Template t, Node node, UnderlayContext underlay, List<L3DomainPlan> out,
      List<Rejection> rejections) {
    L3Vni intent = t.intent();
    if (underlay.plan().isEmpty()) {
      rejections.add(new Rejection(intent.id(), "spec.nodeSelector", underlay.missingReason()));
      return;
    }
    UnderlayPlan u = underlay.plan().get();
    Optional<HostSessionPlan> session = Optional.empty();
    if (intent.hostSession().isPresent()) {
      HostSession s = intent.hostSession().get();
      Asn routerAsn = s.routerAsn(new Asn(u.asn()));
      if (routerAsn.equals(s.hostAsn())) {
        rejections.add(new Rejection(intent.id(), "spec.hostasn", "must differ from the router ASN " + routerAsn
            + " (taken from " + u.source() + " because spec.asn is unset), got " + s.hostAsn()));
        return;
      }
      Optional<HostSessionIps> v4;
      Optional<HostSessionIps> v6;
      try {
        v4 = s.localCidrV4().map(c -> Ipam.hostSessionIps(c, node.index()));
      } catch (IllegalArgumentException e) {
        rejections.add(new Rejection(intent.id(), "spec.localcidr.ipv4", e.getMessage()));
        return;
      }
      try {
        v6 = s.localCidrV6().map(c -> Ipam.hostSessionIps(c, node.index()));
      } catch (IllegalArgumentException e) {
        rejections.add(new Rejection(intent.id(), "spec.localcidr.ipv6", e.getMessage()));
        return;
      }
      session = Optional.of(new HostSessionPlan(t.veth(), routerAsn.value(), s.hostAsn().value(),
          v4.map(ips -> ips.routerSide().toString()), v4.map(ips -> ips.hostSide().toString()),
          v6.map(ips -> ips.routerSide().toString()), v6.map(ips -> ips.hostSide().toString())));
    }
    String routerMac = Ipam.routerMac(IpAddress.parse(u.vtepIp()), intent.vni());
    out.add(new L3DomainPlan(intent.id(), t.vrf(), intent.vni().value(), t.bridge(),
        new VxlanPlan(t.vxlan(), intent.vni().value(), u.vtepIp(), t.port()), t.exportRts(), t.importRts(), session,
        routerMac));
  }

  private static void planL2(L2Template t, Node node, UnderlayContext underlay, Predicate<String> vrfOnNode,
      List<L2DomainPlan> out, List<Rejection> rejections, List<PlanWarning> warnings) {
    L2Vni intent = t.intent();
    if (underlay.plan().isEmpty()) {
      rejections.add(new Rejection(intent.id(), "spec.nodeSelector", underlay.missingReason()));
      return;
    }
    boolean nodeLocal = t.vrf().isPresent() && !vrfOnNode.test(t.vrf().get());
    if (nodeLocal) {
      warnings.add(new PlanWarning(intent.id(), "spec.vrf", "no L3VNI on node " + node.name() + " defines VRF "
          + t.vrf().get() + ": the VRF is local to this node, its gateway answers only here and no type-5 routes"
          + " leave the node"));
    }
    out.add(new L2DomainPlan(intent.id(), intent.vni().value(), t.vrf(), nodeLocal, t.bridge(),
        new VxlanPlan(t.vxlan(), intent.vni().value(), underlay.plan().get().vtepIp(), t.port()), t.veth(),
        t.hostBridge(), t.gatewayIp(), t.gatewayMac()));
  }

  private NodePlan assemble(String cluster, Node node, UnderlayContext underlay, List<L3DomainPlan> l3Domains,
      List<L2DomainPlan> l2Domains, List<Rejection> rejections, List<PlanWarning> warnings) {
    rejections.sort(REJECTION_ORDER);
    warnings.sort(WARNING_ORDER);
    return new NodePlan(cluster, node.name(), node.index(), underlay.plan(), l3Domains, l2Domains, settings.bmp(),
        rejections, warnings);
  }
}
