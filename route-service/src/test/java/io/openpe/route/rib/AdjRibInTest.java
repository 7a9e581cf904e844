package io.openpe.route.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.BgpUpdate;
import io.openpe.route.bgp.ExtendedCommunities;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.MpReach;
import io.openpe.route.bgp.MpUnreach;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.Origin;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import io.openpe.route.wire.RouteDistinguisher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adj-RIB-In per peer and view: adds, replaces, withdrawals, Peer Down, session loss and re-sync, End-of-RIB. */
class AdjRibInTest {

    private static final IpAddress VTEP = IpAddress.parse("192.168.0.2");
    private static final PerPeerHeader PEER_PRE = peer(0x00);
    private static final PerPeerHeader PEER_POST = peer(0x40);

    private static PerPeerHeader peer(int flags) {
        return new PerPeerHeader(0, flags, new RouteDistinguisher(0), VTEP, 65001, VTEP, 0, 0);
    }

    private static MacIpAdvertisement mac(long mac) {
        return new MacIpAdvertisement(Nlri.NO_PATH_ID, new RouteDistinguisher(0x0001_c0a8_0002_0002L), Esi.ZERO, 0,
                new MacAddress(mac), null, Label.of(100), null);
    }

    private static PathAttributes attributes(long mobilitySequence, List<Nlri> nlri) {
        return new PathAttributes(List.of(new Origin(0),
                new ExtendedCommunities(List.of(ExtendedCommunity.of(0x0600_0000_0000_0000L | mobilitySequence))),
                new MpReach(AfiSafi.L2VPN_EVPN, VTEP, null, nlri)));
    }

    private static RouteMonitoring announce(PerPeerHeader peer, long sequence, Nlri... nlri) {
        return new RouteMonitoring(peer, new BgpUpdate(List.of(), attributes(sequence, List.of(nlri)), List.of()));
    }

    private static RouteMonitoring withdraw(PerPeerHeader peer, Nlri... nlri) {
        return new RouteMonitoring(peer, new BgpUpdate(List.of(),
                new PathAttributes(List.of(new MpUnreach(AfiSafi.L2VPN_EVPN, List.of(nlri)))), List.of()));
    }

    private static RouteMonitoring endOfRib(PerPeerHeader peer) {
        return withdraw(peer);
    }

    @Test
    void addThenIdenticalReAdvertisementThenReplaceThenWithdraw() {
        AdjRibIn rib = new AdjRibIn();
        RouteChange.Added added = assertInstanceOf(RouteChange.Added.class,
                rib.apply(announce(PEER_PRE, 0, mac(1))).getFirst());
        assertEquals(VTEP, added.route().nextHop());
        assertEquals(new PeerView(PEER_PRE.key(), RibView.ADJ_RIB_IN_PRE_POLICY), added.peerView());
        assertTrue(added.route().attributes().mpReach().orElseThrow().nlri().isEmpty(), "no NLRI list kept");

        assertEquals(List.of(), rib.apply(announce(PEER_PRE, 0, mac(1))));

        RouteChange.Replaced replaced = assertInstanceOf(RouteChange.Replaced.class,
                rib.apply(announce(PEER_PRE, 1, mac(1))).getFirst());          // MAC mobility sequence 0 -> 1
        assertEquals(0, replaced.previous().attributes().extendedCommunities(ExtendedCommunity.MacMobility.class)
                .getFirst().sequence());

        List<RouteChange> gone = rib.apply(withdraw(PEER_PRE, mac(1)));
        assertInstanceOf(RouteChange.Withdrawn.class, gone.getFirst());
        assertEquals(0, rib.size());
        assertEquals(List.of(), rib.apply(withdraw(PEER_PRE, mac(1))), "a second withdrawal changes nothing");
    }

    @Test
    void viewsAreSeparateTables() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 0, mac(1)));
        assertEquals(1, rib.apply(announce(PEER_POST, 0, mac(1))).size());
        assertEquals(2, rib.size());
    }

    @Test
    void peerDownWithdrawsEveryViewOnceEvenWhenRepeated() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 0, mac(1), mac(2)));
        rib.apply(announce(PEER_POST, 0, mac(1)));
        List<RouteChange> down = rib.peerDown(PEER_PRE.key());
        assertEquals(3, down.size());
        assertTrue(down.stream().allMatch(RouteChange.Withdrawn.class::isInstance));
        assertEquals(List.of(), rib.peerDown(PEER_PRE.key()), "FRR repeats Peer Down");
        assertEquals(0, rib.size());
    }

    @Test
    void reconnectReSyncsWithoutRepublishingUnchangedRoutes() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 0, mac(1), mac(2), mac(3)));
        rib.sessionLost();
        assertEquals(3, rib.size(), "kept, stale, during the re-sync");
        assertEquals(List.of(), rib.apply(announce(PEER_PRE, 0, mac(1))));                 // unchanged
        assertInstanceOf(RouteChange.Replaced.class, rib.apply(announce(PEER_PRE, 4, mac(2))).getFirst());
        List<RouteChange> eor = rib.apply(endOfRib(PEER_PRE));
        assertEquals(1, eor.size(), "only the route not re-advertised is withdrawn at End-of-RIB");
        assertEquals(mac(3).key(), eor.getFirst().key());
        assertTrue(rib.endOfRib(new PeerView(PEER_PRE.key(), RibView.ADJ_RIB_IN_PRE_POLICY), AfiSafi.L2VPN_EVPN));
        assertEquals(2, rib.size());
    }

    @Test
    void staleRoutesAreWithdrawnWhenTheGraceTimeRunsOut() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 0, mac(1), mac(2)));
        rib.sessionLost();
        rib.apply(announce(PEER_PRE, 0, mac(1)));
        List<RouteChange> expired = rib.withdrawStale();
        assertEquals(List.of(mac(2).key()), expired.stream().map(RouteChange::key).toList());
        assertEquals(List.of(), rib.withdrawStale());
    }
}
