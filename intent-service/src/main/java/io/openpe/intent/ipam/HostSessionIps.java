package io.openpe.intent.ipam;

import io.openpe.rules.Cidr;

/** The two ends of a host session veth, each with the local CIDR's prefix length. */
public record HostSessionIps(Cidr routerSide, Cidr hostSide) {
}
