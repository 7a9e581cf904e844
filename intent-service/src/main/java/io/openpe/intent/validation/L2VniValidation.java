package io.openpe.intent.validation;

import io.openpe.intent.api.HostMasterSpec;
import io.openpe.intent.api.L2VNISpec;
import io.openpe.intent.model.HostMaster;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.NodeSelector;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Vni;
import io.openpe.intent.model.VrfName;
import io.openpe.intent.model.VxlanPorts;
import io.openpe.rules.Cidr;
import io.openpe.rules.InterfaceName;
import java.util.Objects;
import java.util.Optional;

/** Per-object rules of an L2VNI, including the immutability of its gateway IP. */
final class L2VniValidation {
  private static final String HOSTMASTER = "spec.hostmaster";

  private L2VniValidation() {
  }

  static ObjectValidation fromCr(ObjectId id, long generation, L2VNISpec spec, Optional<L2Vni> previous,
      FieldErrors errors) {
    Optional<Vni> vni = errors.required("spec.vni", spec.getVni(), () -> new Vni(spec.getVni()));
    Optional<Optional<VrfName>> vrf = spec.getVrf() == null ? Optional.of(Optional.empty())
        : errors.check("spec.vrf", () -> Optional.of(new VrfName(spec.getVrf())));
    Optional<Optional<Cidr>> gateway = spec.getL2gatewayip() == null ? Optional.of(Optional.empty())
        : errors.check("spec.l2gatewayip", () -> Optional.of(Cidrs.gatewayAddress(spec.getL2gatewayip())));
    if (spec.getL2gatewayip() != null && spec.getVrf() == null) {
      errors.add("spec.l2gatewayip", "requires spec.vrf: a gateway routes inside a VRF");
    }
    Optional<HostMaster> hostMaster = hostMasterFromCr(spec.getHostmaster(), errors);
    Optional<Integer> port = spec.getVxlanport() == null ? Optional.of(0)
        : errors.check("spec.vxlanport", () -> VxlanPorts.requireValid(spec.getVxlanport()));
    Optional<NodeSelector> selector = NodeSelectors.fromCr(spec.getNodeSelector(), errors);
    if (previous.isPresent() && gateway.isPresent()) {
      Immutability.require("spec.l2gatewayip", previous.get().gatewayIp(), gateway.get(), errors);
    }
    if (!errors.isEmpty()) {
      return new ObjectValidation.Rejected(errors.all());
    }
    return new ObjectValidation.Accepted(new L2Vni(id, generation, vni.orElseThrow(), vrf.orElseThrow(),
        gateway.orElseThrow(), hostMaster.orElseThrow(), port.orElseThrow(), selector.orElseThrow()));
  }

  /** Folds {type: bridge, autocreate} and {type: linux-bridge, linux-bridge: {autocreate}} into one value. */
  private static Optional<HostMaster> hostMasterFromCr(HostMasterSpec spec, FieldErrors errors) {
    if (spec == null) {
      errors.add(HOSTMASTER, FieldErrors.REQUIRED);
      return Optional.empty();
    }
    int before = errors.all().size();
    if (spec.getType() == null) {
      errors.add(HOSTMASTER + ".type", FieldErrors.REQUIRED);
    } else if (!spec.getType().equals("bridge") && !spec.getType().equals(HostMaster.LINUX_BRIDGE)) {
      errors.add(HOSTMASTER + ".type", "must be bridge or linux-bridge, got \"" + spec.getType() + "\"");
    }
    HostMasterSpec.LinuxBridge nested = spec.getLinuxBridge();
    Boolean autocreate = merged(spec.getAutocreate(), nested == null ? null : nested.getAutocreate(), "autocreate",
        errors);
    String name = merged(spec.getName(), nested == null ? null : nested.getName(), "name", errors);
    if (name != null) {
      errors.check(HOSTMASTER + ".name", () -> InterfaceName.requireValid(name));
    }
    boolean create = Boolean.TRUE.equals(autocreate);
    if (!create && name == null) {
      errors.add(HOSTMASTER + ".name", "is required when autocreate is false: it names an existing bridge");
    }
    if (errors.all().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new HostMaster(HostMaster.LINUX_BRIDGE, Optional.ofNullable(name), create));
  }

  private static <T> T merged(T flat, T nested, String key, FieldErrors errors) {
    if (flat != null && nested != null && !Objects.equals(flat, nested)) {
      errors.add(HOSTMASTER + ".linux-bridge." + key, "conflicts with " + HOSTMASTER + "." + key + " (" + nested
          + " vs " + flat + ")");
    }
    return flat != null ? flat : nested;
  }
}
