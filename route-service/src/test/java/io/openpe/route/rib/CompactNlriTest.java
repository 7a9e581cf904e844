package io.openpe.route.rib;

import static io.openpe.route.wire.Hex.bytes;
import static io.openpe.route.wire.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.IpUnicastRoute;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bgp.UnknownNlri;
import io.openpe.route.evpn.EthernetAutoDiscovery;
import io.openpe.route.evpn.EthernetSegment;
import io.openpe.route.evpn.InclusiveMulticast;
import io.openpe.route.evpn.IpPrefixRoute;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.evpn.UnknownEvpnRoute;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import io.openpe.route.wire.Octets;
import io.openpe.route.wire.RouteDistinguisher;
import org.junit.jupiter.api.Test;

/**
 * Typed -> compact -> typed, with the compact bytes written by hand: the header byte of CompactNlri's layout, then the
 * RFC 7432 / RFC 9136 value of the vectors the route-type tests decode (RD 10.0.0.1:2, MAC aa:bb:cc:dd:ee:ff, ...).
 */
class CompactNlriTest {

    private static final RouteDistinguisher RD = new RouteDistinguisher(0x0001_0a00_0001_0002L);
    private static final String RD_HEX = "0001 0a000001 0002";
    private static final String ZERO_ESI = "00000000000000000000";
    private static final MacAddress MAC = MacAddress.parse("aa:bb:cc:dd:ee:ff");

    private static MacIpAdvertisement macIp(long pathId, Esi esi, IpAddress ip, Label label1, Label label2) {
        return new MacIpAdvertisement(pathId, RD, esi, 0, MAC, ip, label1, label2);
    }

    private static IpPrefixRoute prefix(String address, int length, String gateway, int label) {
        return new IpPrefixRoute(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0, new IpPrefix(IpAddress.parse(address), length),
                IpAddress.parse(gateway), Label.of(label));
    }

    /** Encodes to exactly {@code expected}, decodes back to an equal record, and its key finds it. */
    private static void roundTrip(Nlri typed, String... expected) {
        byte[] compact = CompactNlri.encode(typed);
        assertEquals(hex(bytes(expected)), hex(compact), typed.toString());
        assertEquals(typed, CompactNlri.decode(compact));
        assertEquals(typed.afiSafi(), CompactNlri.afiSafi(compact));
        byte[] key = CompactNlri.encodeKey(typed.key());
        assertTrue(CompactNlri.sameKey(compact, key), "the key's compact form names the route: " + typed);
        assertEquals(CompactNlri.keyHash(compact), CompactNlri.keyHash(key));
    }

    @Test
    void macIpAdvertisementEveryLengthVariant() {
        roundTrip(macIp(Nlri.NO_PATH_ID, Esi.ZERO, null, Label.of(100), null),
                "03", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff", "00", "000064");
        roundTrip(macIp(Nlri.NO_PATH_ID, Esi.ZERO, IpAddress.parse("10.1.1.5"), Label.of(100), null),
                "03", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff", "20 0a010105", "000064");
        roundTrip(macIp(Nlri.NO_PATH_ID, Esi.ZERO, IpAddress.parse("10.1.1.5"), Label.of(100), Label.of(200)),
                "03", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff", "20 0a010105", "000064", "0000c8");
        roundTrip(macIp(Nlri.NO_PATH_ID, Esi.ZERO, IpAddress.parse("fd00::5"), Label.of(100), Label.of(200)),
                "03", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff",
                "80 fd000000000000000000000000000005", "000064", "0000c8");
    }

    @Test
    void pathIdIsFlaggedInTheHeaderAndFollowsIt() {
        roundTrip(macIp(7, Esi.ZERO, null, Label.ZERO, null),
                "83", "00000007", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff", "00", "000000");
        roundTrip(macIp(0xffff_ffffL, Esi.ZERO, null, Label.ZERO, null),
                "83", "ffffffff", "02", RD_HEX, ZERO_ESI, "00000000", "30 aabbccddeeff", "00", "000000");
    }

    @Test
    void otherEvpnRouteTypes() {
        Esi esi = new Esi(0x0011_2233_4455_6677L, 0x8899);
        roundTrip(new EthernetAutoDiscovery(Nlri.NO_PATH_ID, RD, esi, 0, Label.of(100)),
                "03", "01", RD_HEX, "00112233445566778899", "00000000", "000064");
        roundTrip(new InclusiveMulticast(Nlri.NO_PATH_ID, RD, 0, IpAddress.parse("192.168.10.1")),
                "03", "03", RD_HEX, "00000000", "20 c0a80a01");
        roundTrip(new EthernetSegment(Nlri.NO_PATH_ID, RD, new Esi(0x01aa_bbcc_ddee_ff00L, 0x0102),
                        IpAddress.parse("2001:db8::1")),
                "03", "04", RD_HEX, "01aabbccddeeff000102", "80 20010db8000000000000000000000001");
        roundTrip(prefix("10.100.0.0", 24, "0.0.0.0", 200),
                "03", "05", RD_HEX, ZERO_ESI, "00000000", "18", "0a640000", "00000000", "0000c8");
        roundTrip(prefix("fd00:64::", 64, "::", 200),
                "03", "05", RD_HEX, ZERO_ESI, "00000000", "40", "fd000064000000000000000000000000",
                "00000000000000000000000000000000", "0000c8");
        roundTrip(new UnknownEvpnRoute(Nlri.NO_PATH_ID, 9, Octets.copyOf(bytes("0102"))), "03", "09", "0102");
    }

    @Test
    void unicastAndUndecodedFamilies() {
        roundTrip(new IpUnicastRoute(Nlri.NO_PATH_ID, new IpPrefix(IpAddress.parse("10.1.0.0"), 16)),
                "01", "10", "0a01");
        roundTrip(new IpUnicastRoute(Nlri.NO_PATH_ID, new IpPrefix(IpAddress.parse("10.1.2.128"), 25)),
                "01", "19", "0a010280");
        roundTrip(new IpUnicastRoute(3, new IpPrefix(IpAddress.parse("2001:db8::"), 32)),
                "82", "00000003", "20", "20010db8");
        roundTrip(new IpUnicastRoute(Nlri.NO_PATH_ID, new IpPrefix(IpAddress.V4_ANY, 0)), "01", "00");
        roundTrip(new UnknownNlri(new AfiSafi(1, 128), Octets.copyOf(bytes("aabb"))), "04", "0001", "80", "aabb");
    }

    @Test
    void keyIgnoresWhatRfc7432LeavesOutOfIt() {
        byte[] a = CompactNlri.encode(macIp(Nlri.NO_PATH_ID, Esi.ZERO, IpAddress.parse("10.1.1.5"), Label.of(100),
                null));
        byte[] otherEsiAndLabels = CompactNlri.encode(macIp(Nlri.NO_PATH_ID, new Esi(0x0011_2233_4455_6677L, 0x8899),
                IpAddress.parse("10.1.1.5"), Label.of(7), Label.of(200)));
        assertTrue(CompactNlri.sameKey(a, otherEsiAndLabels), "§7.2: ESI and labels are no part of the key");
        assertEquals(CompactNlri.keyHash(a), CompactNlri.keyHash(otherEsiAndLabels));
        byte[] otherIp = CompactNlri.encode(macIp(Nlri.NO_PATH_ID, Esi.ZERO, IpAddress.parse("10.1.1.6"),
                Label.of(100), null));
        assertFalse(CompactNlri.sameKey(a, otherIp));
        byte[] noIp = CompactNlri.encode(macIp(Nlri.NO_PATH_ID, Esi.ZERO, null, Label.of(100), null));
        assertFalse(CompactNlri.sameKey(a, noIp));
        byte[] withPathId = CompactNlri.encode(macIp(0, Esi.ZERO, IpAddress.parse("10.1.1.5"), Label.of(100), null));
        assertFalse(CompactNlri.sameKey(a, withPathId), "path id 0 is not the absent path id");

        assertTrue(CompactNlri.sameKey(CompactNlri.encode(prefix("10.100.0.0", 24, "0.0.0.0", 200)),
                CompactNlri.encode(prefix("10.100.0.0", 24, "10.0.0.9", 7))), "RFC 9136: gateway and label are not");
        assertFalse(CompactNlri.sameKey(CompactNlri.encode(prefix("10.100.0.0", 24, "0.0.0.0", 200)),
                CompactNlri.encode(prefix("10.100.0.0", 25, "0.0.0.0", 200))));
        Esi esi = new Esi(0x0011_2233_4455_6677L, 0x8899);
        assertTrue(CompactNlri.sameKey(
                CompactNlri.encode(new EthernetAutoDiscovery(Nlri.NO_PATH_ID, RD, esi, 0, Label.of(100))),
                CompactNlri.encode(new EthernetAutoDiscovery(Nlri.NO_PATH_ID, RD, esi, 0, Label.of(7)))));
    }

    @Test
    void valuesWithoutAWireFormAreRefusedAndKeysOfThemNameNothing() {
        IpUnicastRoute hostBits = new IpUnicastRoute(Nlri.NO_PATH_ID, new IpPrefix(IpAddress.parse("10.1.2.3"), 8));
        assertThrows(IllegalArgumentException.class, () -> CompactNlri.encode(hostBits));
        assertNull(CompactNlri.encodeKey(hostBits.key()));
        assertNull(CompactNlri.encodeKey(() -> "not a key type the RIB stores"));
        assertThrows(IllegalArgumentException.class,
                () -> CompactNlri.encode(macIp(1L << 32, Esi.ZERO, null, Label.ZERO, null)));
    }

    @Test
    void keyOfARouteIsFoundWhateverItsOtherFields() {
        NlriKey key = macIp(Nlri.NO_PATH_ID, Esi.ZERO, null, Label.ZERO, null).key();
        byte[] stored = CompactNlri.encode(macIp(Nlri.NO_PATH_ID, new Esi(0x0011_2233_4455_6677L, 0x8899), null,
                Label.of(100), null));
        assertTrue(CompactNlri.sameKey(stored, CompactNlri.encodeKey(key)));
    }
}
