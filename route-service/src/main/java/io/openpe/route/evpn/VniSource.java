package io.openpe.route.evpn;

/** Where a route's VNI was read from (mirrors openpe.route.v1.VniSource). */
public enum VniSource {
    /** No VNI could be determined with certainty. */
    NONE,
    /** The NLRI label field (RFC 8365 §5.1.3). */
    LABEL,
    /** An auto-derived route target ASN:VNI, because the label was zero (FRR 8.4 over BMP, DESIGN §6). */
    ROUTE_TARGET,
    /** The PMSI tunnel attribute's label (type 3, RFC 8365 §5.1.3). */
    PMSI
}
