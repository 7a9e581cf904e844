package io.openpe.route.mobility;

/**
 * One type-2 route seen for a MAC in a VNI, reduced to what MAC mobility (RFC 7432 §15) compares and what a MAC's
 * location reports.
 *
 * @param routeKey the route's stable key (one per router, peer, view and NLRI), so a withdrawal can find it
 * @param vtep     the next hop: the VTEP the MAC is behind
 * @param sequence the MAC mobility sequence, 0 without the extended community (RFC 7432 §15: absent means 0)
 * @param sticky   the sticky (static) flag of the MAC mobility extended community
 * @param cluster  the cluster of the router that reported the route
 * @param router   the address of the router that reported the route
 * @param peer     the address of the BGP peer the router reported the route for
 */
public record MacAdvertisement(String routeKey, int vni, String mac, String vtep, long sequence, boolean sticky,
        String cluster, String router, String peer) {

    public MacInVni macInVni() {
        return new MacInVni(vni, mac);
    }
}
