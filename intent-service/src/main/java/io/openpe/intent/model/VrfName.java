package io.openpe.intent.model;

/** Name of a VRF; it becomes a Linux device name, so it follows {@link InterfaceNames#requireValid(String)}. */
public record VrfName(String value) implements Comparable<VrfName> {
  public VrfName {
    InterfaceNames.requireValid(value);
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
