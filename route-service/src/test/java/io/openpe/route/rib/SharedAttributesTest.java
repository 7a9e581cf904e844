package io.openpe.route.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.AsPathSegment;
import io.openpe.route.bgp.ExtendedCommunities;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.MpReach;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.Origin;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import io.openpe.route.wire.RouteDistinguisher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An UPDATE's attributes split into the interned shared part and the route's MAC mobility community, and joined. */
class SharedAttributesTest {

    private static final IpAddress VTEP = IpAddress.parse("192.168.0.2");
    /** RFC 4360 §4 two-octet-AS route target 65001:100 (type 0x00, subtype 0x02). */
    private static final long RT_65001_100 = 0x0002_fde9_0000_0064L;
    /** RFC 9012 §4.1 encapsulation, tunnel type 8 = VXLAN (RFC 8365 §5.1.3). */
    private static final long VXLAN = 0x030c_0000_0000_0008L;

    /** RFC 7432 §7.7 MAC mobility: type 0x06, subtype 0x00, flags, reserved, 4-byte sequence. */
    private static long mobility(long sequence) {
        return 0x0600_0000_0000_0000L | sequence;
    }

    /** FRR-shaped: ORIGIN IGP, AS_PATH 65001, route target, VXLAN, MAC mobility, MP_REACH with one MAC route. */
    private static PathAttributes frr(long... communities) {
        List<ExtendedCommunity> values = java.util.Arrays.stream(communities).mapToObj(ExtendedCommunity::of)
                .toList();
        Nlri route = new MacIpAdvertisement(Nlri.NO_PATH_ID, new RouteDistinguisher(0x0001_c0a8_0002_0002L),
                Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:dd:ee:ff"), null, Label.ZERO, null);
        return new PathAttributes(List.of(new Origin(0), new AsPath(List.of(new AsPathSegment(2, 65001))),
                new ExtendedCommunities(values), new MpReach(AfiSafi.L2VPN_EVPN, VTEP, null, List.of(route))));
    }

    @Test
    void mobilityIsTakenOutAndPutBackWhereItWas() {
        PathAttributes update = frr(RT_65001_100, mobility(5), VXLAN);
        SharedAttributes.Split split = SharedAttributes.split(update);
        assertEquals(mobility(5), split.mobility());
        assertEquals(1, split.shared().mobilityAt());
        assertEquals(List.of(ExtendedCommunity.of(RT_65001_100), ExtendedCommunity.of(VXLAN)),
                split.shared().attributes().extendedCommunities());
        assertEquals(List.of(), split.shared().attributes().mpReach().orElseThrow().nlri(), "no NLRI list kept");
        assertEquals(VTEP, split.shared().attributes().mpReach().orElseThrow().nextHop());
        assertEquals(update.withoutNlri(), split.shared().join(split.mobility()));
    }

    @Test
    void routesThatDifferOnlyInTheirSequenceShareOneInternedSet() {
        AttributeSets sets = new AttributeSets();
        SharedAttributes.Split first = SharedAttributes.split(frr(RT_65001_100, VXLAN, mobility(1)));
        SharedAttributes.Split second = SharedAttributes.split(frr(RT_65001_100, VXLAN, mobility(2)));
        assertNotSame(first.shared(), second.shared());
        SharedAttributes interned = sets.intern(first.shared());
        assertSame(interned, sets.intern(second.shared()));
        assertEquals(1, sets.size());
        SharedAttributes.Split otherVni = SharedAttributes.split(frr(RT_65001_100 + 1, VXLAN, mobility(1)));
        assertNotSame(interned, sets.intern(otherVni.shared()));
        assertEquals(2, sets.size());
    }

    @Test
    void withoutMobilityTheSharedPartIsTheWhole() {
        PathAttributes update = frr(RT_65001_100, VXLAN);
        SharedAttributes.Split split = SharedAttributes.split(update);
        assertEquals(SharedAttributes.NO_MOBILITY, split.mobility());
        assertEquals(-1, split.shared().mobilityAt());
        assertSame(split.shared().attributes(), split.shared().join(split.mobility()));
        assertEquals(update.withoutNlri(), split.shared().join(split.mobility()));
    }

    @Test
    void twoMobilityCommunitiesStayInTheSharedPart() {
        PathAttributes update = frr(mobility(1), mobility(2));
        SharedAttributes.Split split = SharedAttributes.split(update);
        assertEquals(SharedAttributes.NO_MOBILITY, split.mobility());
        assertEquals(update.withoutNlri(), split.shared().join(split.mobility()));
    }
}
