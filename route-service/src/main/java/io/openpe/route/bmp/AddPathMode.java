package io.openpe.route.bmp;

/** Whether Route Monitoring NLRI carry the path ids the Peer Up OPENs negotiated. */
public enum AddPathMode {
    /** As RFC 7911 and the OPEN pair say. */
    NEGOTIATED,
    /**
     * Never: FRR 8.4 does not encode the path id over BMP even when ADD-PATH was negotiated (DESIGN §6), so decoding
     * with path ids would misread every route of such a peer.
     */
    NEVER
}
