package io.openpe.route.rib;

import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.wire.IpAddress;

/**
 * A route as read from the RIB: the NLRI, its next hop (the VTEP for EVPN) and the path attributes of the UPDATE that
 * carried it, stripped of the NLRI lists ({@link PathAttributes#withoutNlri()}). Immutable and free of buffer
 * references. The RIB does not keep these records: it keeps a {@link StoredRoute} (NLRI bytes, interned attributes)
 * and builds this typed view when a route is read or changes.
 *
 * @param nextHop null when the UPDATE carried none for the route's family
 */
public record RibRoute(Nlri nlri, IpAddress nextHop, PathAttributes attributes) {
}
