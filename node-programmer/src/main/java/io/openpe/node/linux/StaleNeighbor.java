package io.openpe.node.linux;

/** A neighbor entry in state STALE on a gateway bridge: a workload the router has not heard from lately. */
public record StaleNeighbor(String address, String bridge, String mac) {
}
