package io.openpe.intent.plan;

/** A VXLAN device {@code vni<vni>}, local address = the node's VTEP. */
public record VxlanPlan(String name, long vni, String localIp, int dstPort) {
}
