package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.route.bgp.ExtendedCommunities;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bgp.PmsiTunnel;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.Octets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8365 §5.1.3: the label field carries the VNI. FRR 8.4 sends it as zeros over BMP (DESIGN §6): the VNI then comes
 * from the auto route target ASN:VNI, or for type 3 from the PMSI label, and the source says so.
 */
class Rfc8365VniTest {

    /** Route target 0x0002 fde8 00000064: type 0 (2-byte AS), subtype 2, 65000:100. */
    private static final long RT_65000_100 = 0x0002_fde8_0000_0064L;
    /** Route target 65000:200, the L3 VNI's. */
    private static final long RT_65000_200 = 0x0002_fde8_0000_00c8L;
    /** Route target type 1 (IPv4) 10.0.0.1:100: not an auto-derived ASN:VNI. */
    private static final long RT_IPV4 = 0x0102_0a00_0001_0064L;

    private static PathAttributes withRouteTargets(long... raws) {
        return new PathAttributes(List.of(new ExtendedCommunities(
                java.util.Arrays.stream(raws).mapToObj(ExtendedCommunity::of).toList())));
    }

    private static MacIpAdvertisement macRoute(int label) {
        MacIpAdvertisement r = (MacIpAdvertisement) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE2_MAC_ONLY), false);
        return new MacIpAdvertisement(r.pathId(), r.rd(), r.esi(), r.ethernetTag(), r.mac(), r.ip(), Label.of(label),
                null);
    }

    @Test
    void nonZeroLabelIsTheVni() {
        assertEquals(new Vni(100, VniSource.LABEL), Vni.of(macRoute(100), withRouteTargets(RT_65000_200)));
    }

    @Test
    void zeroLabelTakesTheVniFromTheAutoRouteTarget() {
        assertEquals(new Vni(100, VniSource.ROUTE_TARGET), Vni.of(macRoute(0), withRouteTargets(RT_65000_100)));
    }

    @Test
    void zeroLabelWithTwoCandidateRouteTargetsIsNotGuessed() {
        assertEquals(Vni.NONE, Vni.of(macRoute(0), withRouteTargets(RT_65000_100, RT_65000_200)));
    }

    @Test
    void ipv4RouteTargetsAreNotAutoDerivedVnis() {
        assertEquals(Vni.NONE, Vni.of(macRoute(0), withRouteTargets(RT_IPV4)));
    }

    @Test
    void zeroLabelType5UsesTheL3RouteTarget() {
        IpPrefixRoute r = (IpPrefixRoute) EvpnNlriDecoder.decodeOne(buf(
                "05", "22", EvpnVectors.RD, "00000000000000000000", "00000000", "18", "0a640000", "00000000",
                "000000"), false);                            // label all zero, as FRR 8.4 sends it
        assertEquals(new Vni(200, VniSource.ROUTE_TARGET), Vni.of(r, withRouteTargets(RT_65000_200)));
    }

    @Test
    void type3TakesTheVniFromThePmsiLabel() {
        InclusiveMulticast r = (InclusiveMulticast) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE3_IPV4), false);
        PathAttributes attributes = new PathAttributes(List.of(
                new PmsiTunnel(0, PmsiTunnel.INGRESS_REPLICATION, Label.of(100), Octets.copyOf(new byte[] {
                        (byte) 192, (byte) 168, 10, 1}))));
        assertEquals(new Vni(100, VniSource.PMSI), Vni.of(r, attributes));
    }

    @Test
    void type4HasNoVni() {
        EthernetSegment r = (EthernetSegment) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE4_IPV4), false);
        assertEquals(Vni.NONE, Vni.of(r, withRouteTargets(RT_65000_100)));
    }
}
