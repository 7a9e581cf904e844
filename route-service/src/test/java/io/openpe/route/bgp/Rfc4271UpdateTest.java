package io.openpe.route.bgp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 4271 §4.3 UPDATE and the §5.1 well-known attributes, IPv4 unicast NLRI, 2- and 4-byte AS_PATH (RFC 6793). */
class Rfc4271UpdateTest {

    private static final UpdateDecoder DECODER = new UpdateDecoder(NlriDecoders.unicast());
    private static final DecodingContext TWO_BYTE = new DecodingContext(false, Set.of());
    private static final DecodingContext FOUR_BYTE = new DecodingContext(true, Set.of());

    private static final String ORIGIN_IGP = attribute(0x40, 1, "00");           // well-known transitive, IGP
    private static final String NEXT_HOP = attribute(0x40, 3, "c0a80001");       // 192.168.0.1
    private static final String MED = attribute(0x80, 4, "00000064");            // optional, 100
    private static final String LOCAL_PREF = attribute(0x40, 5, "000000c8");     // 200
    private static final String COMMUNITIES = attribute(0xc0, 8,
            "fde80064"     // 65000:100
            + "ffffff01"); // NO_EXPORT (65535:65281)

    @Test
    void ipv4UnicastWithWellKnownAttributesAndTwoByteAsPath() {
        String asPath = attribute(0x40, 2,
                "02 02"           // AS_SEQUENCE of 2
                + "fde8 fde9");   // 65000 65001
        BgpUpdate u = DECODER.decodeMessage(buf(update("",
                concat(ORIGIN_IGP, asPath, NEXT_HOP, MED, LOCAL_PREF, COMMUNITIES),
                "18 0a0100"       // 10.1.0.0/24
                + "20 0a020304")), // 10.2.3.4/32
                TWO_BYTE);
        PathAttributes a = u.attributes();
        assertEquals("igp", a.origin().orElseThrow().toString());
        assertArrayEquals(new long[] {65000, 65001}, a.asPath().orElseThrow().asns());
        assertEquals(65001, a.asPath().orElseThrow().originAs());
        assertEquals(IpAddress.parse("192.168.0.1"), a.nextHop().orElseThrow().address());
        assertEquals(100, a.med().orElseThrow().value());
        assertEquals(200, a.localPref().orElseThrow().value());
        assertEquals(List.of("65000:100", "65535:65281"), a.communities().orElseThrow().texts());
        assertEquals(List.of("10.1.0.0/24", "10.2.3.4/32"),
                u.announced().stream().map(n -> ((IpUnicastRoute) n).prefix().toString()).toList());
        assertEquals(Optional.of(IpAddress.parse("192.168.0.1")), u.nextHop(AfiSafi.IPV4_UNICAST));
        assertTrue(u.endOfRib().isEmpty());
    }

    @Test
    void fourByteAsPathWithSetAndSequence() {
        String asPath = attribute(0x40, 2,
                "02 02 fa56ea00 0000fde8"    // AS_SEQUENCE 4200000000 65000
                + "01 02 00010000 00010001"); // AS_SET {65536 65537}
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, asPath, NEXT_HOP), "")), FOUR_BYTE);
        AsPath path = u.attributes().asPath().orElseThrow();
        assertEquals(2, path.segments().size());
        assertEquals(AsPathSegment.AS_SEQUENCE, path.segments().get(0).type());
        assertArrayEquals(new long[] {4200000000L, 65000}, path.segments().get(0).asns());
        assertEquals(AsPathSegment.AS_SET, path.segments().get(1).type());
        assertEquals("4200000000 65000 {65536 65537}", path.toString());
        assertEquals(0, path.originAs(), "a path ending in an AS_SET has no single origin AS");
    }

    @Test
    void theSameAsPathBytesReadDifferentlyUnderTwoAndFourByteContexts() {
        // 4-byte: AS_SEQUENCE of one ASN 0x00010200 = 66048.
        // 2-byte: AS_SEQUENCE of one ASN 0x0001 = 1, then "02 00", an empty AS_SEQUENCE.
        String asPath = attribute(0x40, 2, "02 01 00010200");
        String msg = update("", concat(ORIGIN_IGP, asPath), "");
        assertArrayEquals(new long[] {66048}, DECODER.decodeMessage(buf(msg), FOUR_BYTE).attributes().asPath()
                .orElseThrow().asns());
        AsPath twoByte = DECODER.decodeMessage(buf(msg), TWO_BYTE).attributes().asPath().orElseThrow();
        assertArrayEquals(new long[] {1}, twoByte.asns());
        assertEquals(2, twoByte.segments().size());
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(update("",
                concat(ORIGIN_IGP, attribute(0x40, 2, "02 03 0000fde8")), "")), TWO_BYTE));
        assertEquals("AS_PATH segment of 3 2-byte ASNs: need at least 6 bytes, have 4", e.reason());
    }

    @Test
    void as4PathIsMergedIntoATwoByteAsPath() {
        // RFC 6793 §4.2.3: AS_PATH [65001 23456 23456] with AS4_PATH [4200000000 4200000001] gives
        // [65001 4200000000 4200000001].
        String asPath = attribute(0x40, 2, "02 03 fde9 5ba0 5ba0");
        String as4Path = attribute(0xc0, 17, "02 02 fa56ea00 fa56ea01");
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, asPath, as4Path), "")), TWO_BYTE);
        assertArrayEquals(new long[] {65001, 4200000000L, 4200000001L}, u.attributes().effectiveAsPath().asns());
    }

    @Test
    void withdrawnRoutesField() {
        BgpUpdate u = DECODER.decodeMessage(buf(update("18 0a0100", "", "")), FOUR_BYTE);  // withdraw 10.1.0.0/24
        assertEquals(1, u.withdrawn().size());
        assertEquals("10.1.0.0/24", ((IpUnicastRoute) u.withdrawn().get(0)).prefix().toString());
        assertTrue(u.endOfRib().isEmpty());
    }

    @Test
    void emptyUpdateIsIpv4UnicastEndOfRib() {
        // RFC 4724 §2: withdrawn length 0, attribute length 0, no NLRI.
        BgpUpdate u = DECODER.decodeMessage(buf(BgpEncoding.MARKER, "0017", "02", "0000", "0000"), FOUR_BYTE);
        assertEquals(Optional.of(AfiSafi.IPV4_UNICAST), u.endOfRib());
    }

    @Test
    void unknownAttributesAreKeptRawWithTheirFlags() {
        String atomicAggregate = attribute(0x40, 6, "");
        String aggregator = attribute(0xc0, 7, "0000fde8 0a000001");          // AGGREGATOR 65000 10.0.0.1
        String extendedLengthUnknown = attribute(0xd0, 99, "0102");           // extended-length flag, type 99
        BgpUpdate u = DECODER.decodeMessage(buf(update("",
                concat(ORIGIN_IGP, atomicAggregate, aggregator, extendedLengthUnknown), "")), FOUR_BYTE);
        List<RawAttribute> unknown = u.attributes().unknown();
        assertEquals(3, unknown.size());
        assertEquals(6, unknown.get(0).typeCode());
        assertEquals(0, unknown.get(0).value().length());
        assertEquals("0000fde80a000001", unknown.get(1).value().hex());
        assertEquals(0xd0, unknown.get(2).flags());
        assertEquals(99, unknown.get(2).typeCode());
        assertEquals("0102", unknown.get(2).value().hex());
    }

    @Test
    void wrongFixedAttributeLengthsAreMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(update("",
                attribute(0x40, 3, "c0a800"), "")), FOUR_BYTE));             // NEXT_HOP of 3 bytes
        assertEquals("NEXT_HOP: length must be 4, is 3", e.reason());
        e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(update("",
                attribute(0xc0, 8, "fde800"), "")), FOUR_BYTE));
        assertEquals("COMMUNITIES: length 3 is not a multiple of 4", e.reason());
    }

    @Test
    void attributeLengthBeyondTheAttributesFieldIsMalformed() {
        // ORIGIN claims 5 bytes but the field ends after 1.
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(update("",
                "40 01 05 00", "")), FOUR_BYTE));
        assertEquals("path attribute 1 value: need at least 5 bytes, have 1", e.reason());
    }

    @Test
    void wrongMarkerOrTypeIsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(
                "fffffffffffffffffffffffffffffffe", "0017", "02", "00000000"), FOUR_BYTE));
        assertEquals("UPDATE: BGP marker is not all ones", e.reason());
        e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(buf(BgpEncoding.message(4, "")),
                FOUR_BYTE));
        assertEquals("UPDATE: BGP message type 4, expected 2", e.reason());
    }

    @Test
    void everyPrefixOfAnUpdateIsADecodeError() {
        byte[] full = io.openpe.route.wire.Hex.bytes(update("18 0a0100",
                concat(ORIGIN_IGP, attribute(0x40, 2, "02 01 0000fde8"), NEXT_HOP, MED, LOCAL_PREF, COMMUNITIES),
                "18 0a0200"));
        DECODER.decodeMessage(io.netty.buffer.Unpooled.wrappedBuffer(full), FOUR_BYTE);
        for (int n = 0; n < full.length; n++) {
            byte[] prefix = java.util.Arrays.copyOf(full, n);
            DecodeException e = assertThrows(DecodeException.class,
                    () -> DECODER.decodeMessage(io.netty.buffer.Unpooled.wrappedBuffer(prefix), FOUR_BYTE));
            assertFalse(e.reason().isBlank());
        }
    }

    @Test
    void shrinkingTheBgpLengthWithTheMessageFailsExceptAtTheLastNlriBoundary() {
        byte[] full = io.openpe.route.wire.Hex.bytes(update("18 0a0100",
                concat(ORIGIN_IGP, attribute(0x40, 2, "02 01 0000fde8"), NEXT_HOP, MED, LOCAL_PREF, COMMUNITIES),
                "18 0a0200"));                                     // the last 4 bytes are one NLRI prefix
        java.util.Set<Integer> valid = new java.util.TreeSet<>();
        for (int n = 19; n < full.length; n++) {
            byte[] shrunk = java.util.Arrays.copyOf(full, n);
            shrunk[16] = (byte) (n >>> 8);
            shrunk[17] = (byte) n;
            try {
                DECODER.decodeMessage(io.netty.buffer.Unpooled.wrappedBuffer(shrunk), FOUR_BYTE);
                valid.add(n);
            } catch (DecodeException e) {
                assertFalse(e.reason().isBlank());
            }
        }
        assertEquals(java.util.Set.of(full.length - 4), valid);
    }
}
