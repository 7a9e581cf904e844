package io.openpe.intent.model;

import io.openpe.rules.InterfaceName;
import java.util.Objects;
import java.util.Optional;

/**
 * The host-side bridge of an L2VNI. Both seed spellings ({@code bridge} and {@code linux-bridge}) fold into
 * {@link #LINUX_BRIDGE}. With autocreate the bridge is created (named {@code br-hs-<vni>} unless a name is given);
 * without it, {@code name} names an existing bridge.
 */
public record HostMaster(String type, Optional<String> name, boolean autocreate) {
  public static final String LINUX_BRIDGE = "linux-bridge";

  public HostMaster {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (!LINUX_BRIDGE.equals(type)) {
      throw new IllegalArgumentException("must be bridge or linux-bridge, got \"" + type + "\"");
    }
    name.ifPresent(InterfaceName::requireValid);
    if (!autocreate && name.isEmpty()) {
      throw new IllegalArgumentException("name is required when autocreate is false");
    }
  }

  /** The bridge on the host this L2VNI attaches to. */
  public String bridgeName(Vni vni) {
    return name.orElseGet(() -> InterfaceNames.hostBridge(vni));
  }
}
