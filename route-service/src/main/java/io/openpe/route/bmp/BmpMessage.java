package io.openpe.route.bmp;

/** One BMP v3 message (RFC 7854 §4), decoded from one complete frame. */
public sealed interface BmpMessage
        permits Initiation, PeerUp, PeerDown, RouteMonitoring, StatsReport, Termination, RouteMirroring, Unknown {

    int ROUTE_MONITORING = 0;
    int STATISTICS_REPORT = 1;
    int PEER_DOWN = 2;
    int PEER_UP = 3;
    int INITIATION = 4;
    int TERMINATION = 5;
    int ROUTE_MIRRORING = 6;

    /** The message type of the common header. */
    int type();
}
