package io.openpe.route.bgp;

/** Address family and subsequent address family (RFC 4760): the pair that selects an NLRI encoding. */
public record AfiSafi(int afi, int safi) {

    public static final AfiSafi IPV4_UNICAST = new AfiSafi(1, 1);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(2, 1);
    /** L2VPN (AFI 25) EVPN (SAFI 70), RFC 7432 §7. */
    public static final AfiSafi L2VPN_EVPN = new AfiSafi(25, 70);

    /** "ipv4-unicast", "ipv6-unicast", "l2vpn-evpn", or "afi/safi" numbers for the rest. */
    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) {
            return "ipv4-unicast";
        }
        if (equals(IPV6_UNICAST)) {
            return "ipv6-unicast";
        }
        if (equals(L2VPN_EVPN)) {
            return "l2vpn-evpn";
        }
        return afi + "/" + safi;
    }
}
