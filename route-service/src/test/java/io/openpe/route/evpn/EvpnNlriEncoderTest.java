package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static io.openpe.route.wire.Hex.bytes;
import static io.openpe.route.wire.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import io.openpe.route.wire.Octets;
import io.openpe.route.wire.RouteDistinguisher;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RIB's EVPN encoder writes back exactly the RFC 7432 / RFC 9136 bytes the decoder read. */
class EvpnNlriEncoderTest {

    /** 10.0.0.1:2, EvpnVectors.RD. */
    private static final RouteDistinguisher RD = new RouteDistinguisher(0x0001_0a00_0001_0002L);

    private static byte[] encode(EvpnRoute route) {
        ByteBuf out = Unpooled.buffer();
        EvpnNlriEncoder.writeValue(route, out);
        assertEquals(EvpnNlriEncoder.valueLength(route), out.readableBytes(), "valueLength matches what is written");
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** The vector without its type and length bytes. */
    private static byte[] value(String... vector) {
        byte[] all = bytes(vector);
        assertEquals(all.length - 2, all[1] & 0xff, "the vector's own length byte");
        return Arrays.copyOfRange(all, 2, all.length);
    }

    @Test
    void everyVectorDecodedAndEncodedAgainIsTheSameBytes() {
        for (String[] vector : List.of(EvpnVectors.TYPE1, EvpnVectors.TYPE2_MAC_ONLY, EvpnVectors.TYPE2_IPV4_ONE_LABEL,
                EvpnVectors.TYPE2_IPV4_TWO_LABELS, EvpnVectors.TYPE2_IPV6_ONE_LABEL,
                EvpnVectors.TYPE2_IPV6_TWO_LABELS, EvpnVectors.TYPE3_IPV4, EvpnVectors.TYPE3_IPV6,
                EvpnVectors.TYPE4_IPV4, EvpnVectors.TYPE4_IPV6, EvpnVectors.TYPE5_IPV4, EvpnVectors.TYPE5_IPV6)) {
            EvpnRoute decoded = EvpnNlriDecoder.decodeOne(buf(vector), false);
            assertEquals(hex(value(vector)), hex(encode(decoded)), String.join(" ", vector));
        }
    }

    @Test
    void handWrittenMacIpRouteIsTheRfc7432Vector() {
        MacIpAdvertisement route = new MacIpAdvertisement(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0,
                MacAddress.parse("aa:bb:cc:dd:ee:ff"), IpAddress.parse("10.1.1.5"), Label.of(100), Label.of(200));
        assertEquals(hex(value(EvpnVectors.TYPE2_IPV4_TWO_LABELS)), hex(encode(route)));
    }

    @Test
    void handWrittenIpPrefixRouteIsTheRfc9136Vector() {
        IpPrefixRoute route = new IpPrefixRoute(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0,
                new IpPrefix(IpAddress.parse("fd00:64::"), 64), IpAddress.parse("::"), Label.of(200));
        assertEquals(hex(value(EvpnVectors.TYPE5_IPV6)), hex(encode(route)));
    }

    @Test
    void handWrittenEthernetSegmentRouteIsTheRfc7432Vector() {
        EthernetSegment route = new EthernetSegment(Nlri.NO_PATH_ID, RD, new Esi(0x01aa_bbcc_ddee_ff00L, 0x0102),
                IpAddress.parse("192.168.10.1"));
        assertEquals(hex(value(EvpnVectors.TYPE4_IPV4)), hex(encode(route)));
    }

    @Test
    void valuesWithoutAWireFormAreRefused() {
        IpPrefixRoute mixed = new IpPrefixRoute(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0,
                new IpPrefix(IpAddress.parse("10.100.0.0"), 24), IpAddress.parse("::"), Label.ZERO);
        assertThrows(IllegalArgumentException.class, () -> encode(mixed));
        UnknownEvpnRoute rawType2 = new UnknownEvpnRoute(Nlri.NO_PATH_ID, 2, Octets.copyOf(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> encode(rawType2), "type 2 is always decoded");
    }
}
