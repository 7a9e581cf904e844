package io.openpe.route.bmp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.message;
import static io.openpe.route.bgp.BgpEncoding.update;


/** Hand-built BMP messages shaped like what FRR 8.4 (bgpd -M bmp) streams, reused by several tests. */
final class BmpSamples {

    private BmpSamples() {
    }

    /** An OPEN (RFC 4271 §4.2) with each capability in its own optional parameter, as FRR encodes them. */
    static String open(String myAs, String bgpId, String... capabilities) {
        StringBuilder params = new StringBuilder();
        for (String c : capabilities) {
            String cap = c.replace(" ", "");
            params.append(String.format("02%02x", cap.length() / 2)).append(cap);  // parameter type 2: capabilities
        }
        return message(1, "04" + myAs + "00b4" + bgpId + String.format("%02x", params.length() / 2) + params);
    }

    static final String CAP_MP_IPV4_UNICAST = "01 04 0001 00 01";     // multiprotocol: AFI 1, reserved, SAFI 1
    static final String CAP_MP_L2VPN_EVPN = "01 04 0019 00 46";       // multiprotocol: AFI 25, reserved, SAFI 70
    static final String CAP_ROUTE_REFRESH_OLD = "80 00";              // Cisco route refresh (128)
    static final String CAP_ROUTE_REFRESH = "02 00";                  // route refresh (RFC 2918)
    static final String CAP_ENHANCED_ROUTE_REFRESH = "46 00";         // enhanced route refresh (70)
    static final String CAP_GRACEFUL_RESTART = "40 02 c0 78";         // graceful restart, restart time 120
    static final String CAP_FQDN_LEAF1 = "49 07 05 6c65616631 00";    // FQDN (73): hostname "leaf1", no domain

    static String fourOctetAs(String asn) {
        return "41 04 " + asn;                                        // 4-octet AS (65)
    }

    /** ADD-PATH (69): FRR's default, receive (1) for IPv4 unicast and L2VPN EVPN. */
    static final String CAP_ADD_PATH_RECEIVE = "45 08 0001 01 01 0019 46 01";
    /** ADD-PATH: send and receive (3) for L2VPN EVPN only. */
    static final String CAP_ADD_PATH_EVPN_BOTH = "45 04 0019 46 03";

    /** The OPEN router 10.0.0.1 (AS 65000) sent to its peer. */
    static final String SENT_OPEN = open("fde8", "0a000001", CAP_MP_IPV4_UNICAST, CAP_MP_L2VPN_EVPN,
            CAP_ROUTE_REFRESH_OLD, CAP_ROUTE_REFRESH, fourOctetAs("0000fde8"), CAP_ADD_PATH_RECEIVE,
            CAP_ENHANCED_ROUTE_REFRESH, CAP_GRACEFUL_RESTART, CAP_FQDN_LEAF1);

    /** The OPEN the peer 192.168.0.2 (AS 65001) sent to the router. */
    static final String RECEIVED_OPEN = open("fde9", "c0a80002", CAP_MP_IPV4_UNICAST, CAP_MP_L2VPN_EVPN,
            CAP_ROUTE_REFRESH_OLD, CAP_ROUTE_REFRESH, fourOctetAs("0000fde9"), CAP_ADD_PATH_RECEIVE,
            CAP_ENHANCED_ROUTE_REFRESH, CAP_GRACEFUL_RESTART);

    static String peerUp(String perPeer, String sentOpen, String receivedOpen) {
        return BmpEncoding.frame(3, perPeer,
                "000000000000000000000000 0a000001",    // local address 10.0.0.1
                "b3a2",                                   // local port 45986
                "00b3",                                   // remote port 179
                sentOpen, receivedOpen);
    }

    static final String PEER_UP = peerUp(BmpEncoding.globalPeer(0), SENT_OPEN, RECEIVED_OPEN);

    static final String INITIATION = BmpEncoding.frame(4,
            "0001 000f 4652526f7574696e6720382e342e34",  // sysDescr (1), 15 bytes: "FRRouting 8.4.4"
            "0002 0005 6c65616631");                     // sysName (2), 5 bytes: "leaf1"

    /** Path attributes of an FRR type-2 advertisement: ORIGIN IGP, AS_PATH [65001], RT 65001:100, VXLAN. */
    static final String EVPN_ATTRIBUTES_HEAD = concat(
            attribute(0x40, 1, "00"),
            attribute(0x50, 2, "02 01 0000fde9"),
            attribute(0xc0, 16, "00 02 fde9 00000064" + "03 0c 00000000 0008"));

    /** MP_REACH_NLRI for L2VPN EVPN, next hop 192.168.0.2, carrying {@code nlri}. */
    static String evpnMpReach(String nlri) {
        return attribute(0x90, 14, "0019 46" + "04 c0a80002" + "00" + nlri.replace(" ", ""));
    }

    /** Type 2 route (MAC only): RD 192.168.0.2:2, MAC aa:bb:cc:00:00:01, label field zero as FRR 8.4 sends it. */
    static final String TYPE2_ZERO_LABEL = "02 21 0001c0a800020002 00000000000000000000 00000000 30 aabbcc000001 00 000000";

    static String routeMonitoring(String perPeer, String nlri) {
        return BmpEncoding.frame(0, perPeer, update("", concat(EVPN_ATTRIBUTES_HEAD, evpnMpReach(nlri)), ""));
    }

    static final String ROUTE_MONITORING = routeMonitoring(BmpEncoding.globalPeer(0), TYPE2_ZERO_LABEL);
}
