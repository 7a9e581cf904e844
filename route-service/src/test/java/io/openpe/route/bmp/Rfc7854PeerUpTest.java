package io.openpe.route.bmp;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.BgpOpen;
import io.openpe.route.bgp.Capability;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.wire.IpAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7854 §4.10 Peer Up with FRR-like OPENs (RFC 5492 capabilities), and the decoding context they set. */
class Rfc7854PeerUpTest {

    private static PeerUp decode(String frame) {
        BmpDecodeResult r = BmpSessionDecoder.standard().decode(buf(frame));
        return assertInstanceOf(PeerUp.class, assertInstanceOf(BmpDecodeResult.Decoded.class, r).message());
    }

    @Test
    void decodesAddressesPortsAndBothOpens() {
        PeerUp up = decode(BmpSamples.PEER_UP);
        assertEquals(IpAddress.parse("192.168.0.2"), up.peer().address());
        assertEquals(65001, up.peer().asn());
        assertEquals(IpAddress.parse("10.0.0.1"), up.localAddress());
        assertEquals(45986, up.localPort());
        assertEquals(179, up.remotePort());
        BgpOpen sent = up.sentOpen();
        assertEquals(4, sent.version());
        assertEquals(65000, sent.asn());
        assertEquals(180, sent.holdTime());
        assertEquals(IpAddress.parse("10.0.0.1"), sent.bgpId());
        assertEquals(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.L2VPN_EVPN), sent.multiprotocolFamilies());
        assertEquals(65001, up.receivedOpen().asn());
        // route refresh x2, enhanced route refresh, graceful restart, FQDN are kept raw
        assertEquals(5, sent.capabilities().stream().filter(Capability.Raw.class::isInstance).count());
        assertTrue(up.information().isEmpty());
    }

    @Test
    void frrDefaultsGiveFourByteAsAndNoPathIds() {
        // Both sides advertise 4-octet AS; both only *receive* ADD-PATH, so nobody sends path ids.
        PeerUp up = decode(BmpSamples.PEER_UP);
        assertEquals(new DecodingContext(true, Set.of()), up.decodingContext(false));
        assertEquals(new DecodingContext(true, Set.of()), up.decodingContext(true));
    }

    @Test
    void pathIdsInAdjRibInWhenThePeerSendsAndTheRouterReceives() {
        String received = BmpSamples.open("fde9", "c0a80002", BmpSamples.CAP_MP_L2VPN_EVPN,
                BmpSamples.fourOctetAs("0000fde9"), BmpSamples.CAP_ADD_PATH_EVPN_BOTH);
        PeerUp up = decode(BmpSamples.peerUp(BmpEncoding.globalPeer(0), BmpSamples.SENT_OPEN, received));
        // Adj-RIB-In: the peer (send+receive for EVPN) speaks to the router (receive): EVPN has path ids.
        assertEquals(Set.of(AfiSafi.L2VPN_EVPN), up.decodingContext(false).addPath());
        // Adj-RIB-Out: the router never said "send", so its updates to the peer carry none.
        assertEquals(Set.of(), up.decodingContext(true).addPath());
    }

    @Test
    void twoByteAsWhenEitherOpenLacksTheCapability() {
        String received = BmpSamples.open("fde9", "c0a80002", BmpSamples.CAP_MP_L2VPN_EVPN);
        PeerUp up = decode(BmpSamples.peerUp(BmpEncoding.globalPeer(0), BmpSamples.SENT_OPEN, received));
        assertEquals(false, up.decodingContext(false).fourByteAsn());
    }

    @Test
    void extendedOptionalParametersOfRfc9072() {
        String open = io.openpe.route.bgp.BgpEncoding.message(1,
                "04 fde8 00b4 0a000001"          // version 4, AS 65000, hold 180, id 10.0.0.1
                + "ff"                           // non-extended parameters length 255 ...
                + "ff"                           // ... and type 255: RFC 9072 extended parameters follow
                + "0009"                         // extended optional parameters length 9
                + "02 0006 41 04 0000fde8");     // type 2 (capabilities), 2-byte length 6: 4-octet AS 65000
        BgpOpen o = BgpOpen.decodeMessage(buf(open), "OPEN");
        assertEquals(65000, o.fourOctetAs().orElseThrow().asn());
    }
}
