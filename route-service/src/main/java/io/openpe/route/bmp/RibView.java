package io.openpe.route.bmp;

/** Which RIB a monitored route belongs to, from the per-peer header (RFC 7854 L flag, RFC 8671 O flag, RFC 9069). */
public enum RibView {
    ADJ_RIB_IN_PRE_POLICY,
    ADJ_RIB_IN_POST_POLICY,
    ADJ_RIB_OUT_PRE_POLICY,
    ADJ_RIB_OUT_POST_POLICY,
    LOC_RIB
}
