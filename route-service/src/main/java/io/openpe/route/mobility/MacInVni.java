package io.openpe.route.mobility;

/** A MAC address (lower-case colon form) in one VNI: the unit MAC mobility is decided per (RFC 7432 §15). */
public record MacInVni(int vni, String mac) {
}
