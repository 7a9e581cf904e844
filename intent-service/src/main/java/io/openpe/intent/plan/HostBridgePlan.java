package io.openpe.intent.plan;

/** The host bridge the L2VNI's host veth is enslaved to; created when {@code autocreate}. */
public record HostBridgePlan(String name, boolean autocreate) {
}
