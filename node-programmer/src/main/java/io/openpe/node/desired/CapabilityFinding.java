package io.openpe.node.desired;

/** A kernel feature the node has or lacks, e.g. {@code vrf}, found while applying. */
public record CapabilityFinding(String capability, boolean supported, String detail) {
}
