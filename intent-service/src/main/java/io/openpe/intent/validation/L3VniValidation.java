package io.openpe.intent.validation;

import io.openpe.intent.api.L3VNISpec;
import io.openpe.intent.model.Asn;
import io.openpe.intent.model.HostSession;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.NodeSelector;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Vni;
import io.openpe.intent.model.VrfName;
import io.openpe.intent.model.VxlanPorts;
import io.openpe.rules.Cidr;
import io.openpe.rules.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Per-object rules of an L3VNI, including the immutability of its local CIDRs. */
final class L3VniValidation {
  private L3VniValidation() {
  }

  static ObjectValidation fromCr(ObjectId id, long generation, L3VNISpec spec, Optional<L3Vni> previous,
      FieldErrors errors) {
    Optional<Vni> vni = errors.required("spec.vni", spec.getVni(), () -> new Vni(spec.getVni()));
    Optional<VrfName> vrf = spec.getVrf() != null
        ? errors.check("spec.vrf", () -> new VrfName(spec.getVrf()))
        : vrfFromName(id.name(), errors);
    Optional<Optional<HostSession>> hostSession = hostSessionFromCr(spec, errors);
    List<RouteTarget> exportRts = routeTargetsFromCr(spec.getExportRTs(), "spec.exportRTs", errors);
    List<RouteTarget> importRts = routeTargetsFromCr(spec.getImportRTs(), "spec.importRTs", errors);
    Optional<Integer> port = spec.getVxlanport() == null ? Optional.of(0)
        : errors.check("spec.vxlanport", () -> VxlanPorts.requireValid(spec.getVxlanport()));
    Optional<NodeSelector> selector = NodeSelectors.fromCr(spec.getNodeSelector(), errors);
    if (previous.isPresent() && hostSession.isPresent()) {
      Optional<HostSession> before = previous.get().hostSession();
      Optional<HostSession> after = hostSession.get();
      Immutability.require("spec.localcidr.ipv4", before.flatMap(HostSession::localCidrV4),
          after.flatMap(HostSession::localCidrV4), errors);
      Immutability.require("spec.localcidr.ipv6", before.flatMap(HostSession::localCidrV6),
          after.flatMap(HostSession::localCidrV6), errors);
    }
    if (!errors.isEmpty()) {
      return new ObjectValidation.Rejected(errors.all());
    }
    return new ObjectValidation.Accepted(new L3Vni(id, generation, vni.orElseThrow(), vrf.orElseThrow(),
        hostSession.orElseThrow(), exportRts, importRts, port.orElseThrow(), selector.orElseThrow()));
  }

  /** DESIGN §3: without spec.vrf the object name is the VRF name, so the name must pass the VRF rule. */
  private static Optional<VrfName> vrfFromName(String name, FieldErrors errors) {
    try {
      return Optional.of(new VrfName(name));
    } catch (IllegalArgumentException e) {
      errors.add("metadata.name", "is used as the VRF name because spec.vrf is absent, and " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Empty outer Optional: invalid. Empty inner Optional: no host session. */
  private static Optional<Optional<HostSession>> hostSessionFromCr(L3VNISpec spec, FieldErrors errors) {
    int before = errors.all().size();
    Optional<Asn> asn = spec.getAsn() == null ? Optional.empty()
        : errors.check("spec.asn", () -> new Asn(spec.getAsn()));
    Optional<Asn> hostAsn = spec.getHostasn() == null ? Optional.empty()
        : errors.check("spec.hostasn", () -> new Asn(spec.getHostasn()));
    String v4 = spec.getLocalcidr() == null ? null : spec.getLocalcidr().getIpv4();
    String v6 = spec.getLocalcidr() == null ? null : spec.getLocalcidr().getIpv6();
    Optional<Cidr> cidrV4 = v4 == null ? Optional.empty()
        : errors.check("spec.localcidr.ipv4", () -> Cidrs.hostSessionPool(Cidrs.ipv4(v4)));
    Optional<Cidr> cidrV6 = v6 == null ? Optional.empty()
        : errors.check("spec.localcidr.ipv6", () -> Cidrs.hostSessionPool(Cidrs.ipv6(v6)));
    boolean hasCidr = v4 != null || v6 != null;
    if (spec.getHostasn() == null && hasCidr) {
      errors.add("spec.hostasn", "is required when spec.localcidr is set");
    }
    if (spec.getHostasn() != null && !hasCidr) {
      errors.add("spec.localcidr", "is required when spec.hostasn is set");
    }
    if (spec.getAsn() != null && spec.getHostasn() == null && !hasCidr) {
      errors.add("spec.asn", "is only used by the host session; set spec.hostasn and spec.localcidr too");
    }
    if (asn.isPresent() && hostAsn.isPresent() && asn.get().equals(hostAsn.get())) {
      errors.add("spec.hostasn", "must differ from the router ASN " + asn.get() + ", got " + hostAsn.get());
    }
    if (errors.all().size() > before) {
      return Optional.empty();
    }
    if (hostAsn.isEmpty()) {
      return Optional.of(Optional.empty());
    }
    return Optional.of(Optional.of(new HostSession(asn, hostAsn.get(), cidrV4, cidrV6)));
  }

  private static List<RouteTarget> routeTargetsFromCr(List<String> texts, String field, FieldErrors errors) {
    if (texts == null) {
      return List.of();
    }
    List<RouteTarget> targets = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      errors.required(field + "[" + i + "]", text, () -> RouteTarget.parse(text)).ifPresent(targets::add);
    }
    return targets;
  }
}
