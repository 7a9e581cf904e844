package io.openpe.route.bgp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.update;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7911 §3: a 4-byte path identifier before each NLRI, only for families where ADD-PATH is in force. */
class Rfc7911AddPathTest {

    private static final UpdateDecoder DECODER = new UpdateDecoder(NlriDecoders.unicast());

    @Test
    void ipv4UnicastWithPathIds() {
        DecodingContext addPath = new DecodingContext(true, Set.of(AfiSafi.IPV4_UNICAST));
        BgpUpdate u = DECODER.decodeMessage(buf(update(
                "00000009 18 0a0900",                        // withdraw path 9 of 10.9.0.0/24
                attribute(0x40, 1, "00"),
                "00000001 18 0a0100"                         // path 1 of 10.1.0.0/24
                + "00000002 18 0a0100")), addPath);          // path 2 of the same prefix
        assertEquals(9, u.withdrawn().get(0).pathId());
        assertEquals(1, u.announced().get(0).pathId());
        assertEquals(2, u.announced().get(1).pathId());
        assertNotEquals(u.announced().get(0).key(), u.announced().get(1).key(), "two paths are two routes");
        assertEquals("ipv4-unicast/10.1.0.0/24#2", u.announced().get(1).key().text());
    }

    @Test
    void withoutAddPathTheSameBytesAreOtherPrefixes() {
        // "00000001 18 0a0100" read without path ids: /0, /0, /0, /1 (1 byte: 0x18), /10 (2 bytes 01 00).
        BgpUpdate u = DECODER.decodeMessage(buf(update("", attribute(0x40, 1, "00"), "00000001 18 0a0100")),
                DecodingContext.DEFAULT);
        assertEquals(Nlri.NO_PATH_ID, u.announced().get(0).pathId());
        assertEquals(5, u.announced().size());
        assertEquals("0.0.0.0/0", ((IpUnicastRoute) u.announced().get(0)).prefix().toString());
        assertEquals("24.0.0.0/1", ((IpUnicastRoute) u.announced().get(3)).prefix().toString());
    }
}
