package io.openpe.route.publish;

import io.openpe.proto.kafka.Topics;
import io.openpe.route.mobility.DuplicateMac;
import io.openpe.route.mobility.DuplicateMacDetector;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.EvpnRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the openpe.evpn-routes records of every router into one {@link DuplicateMacDetector} (a duplicate spans
 * routers) and turns what it finds into {@code DuplicateMac} BmpEvents on openpe.bmp-events, keyed by the router
 * whose advertisement revealed it.
 */
public final class DuplicateMacEvents {

    private final DuplicateMacDetector detector = new DuplicateMacDetector();

    /** The BmpEvent records that {@code routeRecords} (one RIB operation's openpe.evpn-routes records) reveal. */
    public synchronized List<Outbound> observe(List<Outbound> routeRecords, Instant at) {
        List<Outbound> events = List.of();
        for (Outbound record : routeRecords) {
            if (!Topics.EVPN_ROUTES.equals(record.topic())) {
                continue;
            }
            if (record.value() == null) {
                detector.withdrawn(record.key());
            } else if (record.value() instanceof EvpnRoute route && route.getRouteType() == 2) {
                var found = detector.advertised(MacAdvertisements.fromProto(route).orElseThrow());
                if (found.isPresent()) {
                    if (events.isEmpty()) {
                        events = new ArrayList<>(1);
                    }
                    BmpEvent event = BmpEvents.duplicateMac(found.get(), route.getRouter().getSysName(), at);
                    events.add(new Outbound(Topics.BMP_EVENTS,
                            BmpEvents.key(route.getCluster(), route.getRouter().getAddress()), event));
                }
            }
        }
        return events;
    }
}
