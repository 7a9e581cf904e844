package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected texts are RFC 5952 section 4 as glibc's inet_ntop applies it, written down by hand. */
class InetTextTest {

    @Test
    void ipv4IsADottedQuadOfUnsignedBytes() {
        assertEquals("100.65.0.255", InetText.of(new byte[] {100, 65, 0, (byte) 255}));
    }

    @Test
    void ipv6CompressesTheLongestZeroRunAndNeverASingleZeroGroup() {
        assertEquals("2001:db8::1", text("20010db8000000000000000000000001"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("20010db8000000010001000100010001"));
        assertEquals("2001:0:0:1::1", text("20010000000000010000000000000001"));
        assertEquals("2001:db8::1:0:0:5", text("20010db8000000000001000000000005"));
        assertEquals("fe80::2f3:ff:fe00:6f", text("fe8000000000000002f300fffe00006f"));
        assertEquals("::1", text("00000000000000000000000000000001"));
        assertEquals("::", text("00000000000000000000000000000000"));
        assertEquals("fd00::", text("fd000000000000000000000000000000"));
    }

    @Test
    void ipv4MappedAndCompatibleAddressesEndDotted() {
        assertEquals("::ffff:192.0.2.1", text("00000000000000000000ffffc0000201"));
        assertEquals("::192.0.2.1", text("000000000000000000000000c0000201"));
    }

    private static String text(String hex) {
        return InetText.of(HexFormat.of().parseHex(hex));
    }
}
