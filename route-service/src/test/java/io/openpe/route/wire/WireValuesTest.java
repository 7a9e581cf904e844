package io.openpe.route.wire;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/** RFC 4364 §4.2 route distinguishers, RFC 7432 §5 ESI, labels (RFC 3032 / RFC 8365 §5.1.3), addresses, prefixes. */
class WireValuesTest {

    @Test
    void routeDistinguisherType0IsTwoByteAsnColonFourByteNumber() {
        RouteDistinguisher rd = RouteDistinguisher.read(buf(
                "0000",        // type 0
                "fde8",        // administrator: ASN 65000
                "00010000"));  // assigned number 65536
        assertEquals(0, rd.type());
        assertEquals("65000:65536", rd.toString());
    }

    @Test
    void routeDistinguisherType1IsIpv4ColonTwoByteNumber() {
        RouteDistinguisher rd = RouteDistinguisher.read(buf(
                "0001",        // type 1
                "0a000001",    // administrator: 10.0.0.1
                "0064"));      // assigned number 100
        assertEquals(1, rd.type());
        assertEquals("10.0.0.1:100", rd.toString());
    }

    @Test
    void routeDistinguisherType2IsFourByteAsnColonTwoByteNumber() {
        RouteDistinguisher rd = RouteDistinguisher.read(buf(
                "0002",        // type 2
                "fa56ea00",    // administrator: ASN 4200000000
                "0007"));      // assigned number 7
        assertEquals(2, rd.type());
        assertEquals("4200000000:7", rd.toString());
    }

    @Test
    void esiKeepsTypeAndAllTenBytes() {
        Esi esi = Esi.read(buf("03", "aabbccddeeff", "000102"));  // type 3 (MAC-based), MAC, discriminator
        assertEquals(3, esi.type());
        assertEquals("03:aa:bb:cc:dd:ee:ff:00:01:02", esi.toString());
        assertSame(Esi.ZERO, Esi.read(buf("00000000000000000000")));
    }

    @Test
    void macAddressPrintsLowerCaseColonForm() {
        MacAddress mac = MacAddress.read(buf("00f30000006f"));
        assertEquals("00:f3:00:00:00:6f", mac.toString());
        assertEquals(mac, MacAddress.parse("00:F3:00:00:00:6F"));
    }

    @Test
    void labelOffersMplsAndVniViews() {
        // 0x0003e9: as a VNI 1001; as MPLS the top 20 bits 0x0003e = 62, bottom-of-stack bit 1.
        Label label = Label.read(buf("0003e9"), "label");
        assertEquals(0x0003e9, label.raw());
        assertEquals(1001, label.vni());
        assertEquals(62, label.mplsLabel());
        assertSame(Label.ZERO, Label.read(buf("000000"), "label"));
    }

    @Test
    void ipv6TextIsRfc5952() {
        IpAddress a = IpAddress.readV6(buf("20010db8000000000000000000000001"), "ip");
        assertEquals("2001:db8::1", a.toString());
        assertEquals(a, IpAddress.parse("2001:db8::1"));
        assertEquals("fe80::1:0:0:1", IpAddress.parse("fe80:0:0:0:1:0:0:1").toString());
        assertEquals("::", IpAddress.parse("::").toString());
    }

    @Test
    void encodedPrefixReadsOnlyTheBytesItsLengthNeeds() {
        ByteBuf b = buf("14", "0a0b10", "ff");  // /20 needs 3 bytes: 10.11.16; ff is the next field
        IpPrefix p = IpPrefix.readEncoded(b, false, "test");
        assertEquals("10.11.16.0/20", p.toString());
        assertEquals(1, b.readableBytes());
    }

    @Test
    void prefixLongerThanTheFamilyIsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> IpPrefix.readEncoded(buf("21", "0a000000ff"), false, "ipv4"));
        assertEquals("ipv4: prefix length 33 exceeds 32", e.reason());
    }

    @Test
    void shortReadNamesTheFieldAndTheCounts() {
        DecodeException e = assertThrows(DecodeException.class, () -> Wire.u32(buf("0102"), "peer AS"));
        assertEquals("peer AS: need at least 4 bytes, have 2", e.reason());
    }

    @Test
    void octetsCompareByContent() {
        assertEquals(Octets.copyOf(new byte[] {1, 2}), Octets.copyOf(new byte[] {1, 2}));
        assertFalse(Octets.copyOf(new byte[] {1, 2}).equals(Octets.copyOf(new byte[] {1, 3})));
        assertTrue(Octets.EMPTY.length() == 0);
    }
}
