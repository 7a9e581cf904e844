package io.openpe.intent.model;

import io.openpe.rules.InterfaceName;

/** Name of a VRF; it becomes a Linux device name, so it follows {@link InterfaceName}. */
public record VrfName(String value) implements Comparable<VrfName> {
  public VrfName {
    InterfaceName.requireValid(value);
  }

  @Override
  public int compareTo(VrfName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
