package io.openpe.route.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.v1.EvpnRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacLocationsTest {

    static EvpnRoute type2(String vtep, int sequence, String cluster, boolean local) {
        var b = EvpnRoute.newBuilder().setRouteType(2).setVni(110).setMac("02:00:00:00:00:01").setNextHop(vtep)
                .setCluster(cluster).setMacMobilitySequence(sequence).setHasMacMobility(sequence > 0);
        if (local) {
            b.addCorrections(EvpnRoutes.FRR_LOCAL_ROUTE);
        }
        return b.build();
    }

    @Test
    void theHighestMobilitySequenceOwnsTheMac() {
        // RFC 7432 §15: after a move the new VTEP advertises sequence n+1; the old route may still linger.
        var location = MacLocations.locate(List.of(type2("10.0.0.1", 0, "east", true),
                type2("10.0.1.1", 1, "west", false), type2("10.0.0.1", 0, "east", false)), 110, "02:00:00:00:00:01");
        assertEquals("10.0.1.1", location.orElseThrow().getVtep());
        assertEquals("west", location.get().getCluster());
        assertEquals(1, location.get().getMobilitySequence());
    }

    @Test
    void otherVnisAndTypesDoNotCount() {
        var other = type2("10.0.2.1", 9, "east", false).toBuilder().setVni(111).build();
        var notType2 = type2("10.0.3.1", 9, "east", false).toBuilder().setRouteType(5).build();
        assertTrue(MacLocations.locate(List.of(other, notType2), 110, "02:00:00:00:00:01").isEmpty());
        assertEquals("10.0.0.1", MacLocations.locate(List.of(other, type2("10.0.0.1", 0, "east", false)), 110,
                "02:00:00:00:00:01").orElseThrow().getVtep());
    }
}
