package io.openpe.route.evpn;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.Nlri;

/**
 * One EVPN NLRI (RFC 7432 §7, RFC 9136 §3): one record per route type, plus {@link UnknownEvpnRoute} for types we do
 * not decode (kept raw by their length, never mis-parsed).
 */
public sealed interface EvpnRoute extends Nlri
        permits EthernetAutoDiscovery, MacIpAdvertisement, InclusiveMulticast, EthernetSegment, IpPrefixRoute,
        UnknownEvpnRoute {

    int ETHERNET_AUTO_DISCOVERY = 1;
    int MAC_IP_ADVERTISEMENT = 2;
    int INCLUSIVE_MULTICAST = 3;
    int ETHERNET_SEGMENT = 4;
    int IP_PREFIX = 5;

    /** The route type byte. */
    int routeType();

    @Override
    default AfiSafi afiSafi() {
        return AfiSafi.L2VPN_EVPN;
    }
}
