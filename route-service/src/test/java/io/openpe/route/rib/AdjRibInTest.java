package io.openpe.route.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
        return attributes(100, mobilitySequence, nlri);
    }

    /** Route target 65001:{@code vni} (RFC 4360 §4) and MAC mobility with {@code mobilitySequence} (RFC 7432 §7.7). */
    private static PathAttributes attributes(int vni, long mobilitySequence, List<Nlri> nlri) {
        return new PathAttributes(List.of(new Origin(0),
                new ExtendedCommunities(List.of(ExtendedCommunity.of(0x0002_fde9_0000_0000L | vni),
                        ExtendedCommunity.of(0x0600_0000_0000_0000L | mobilitySequence))),
                new MpReach(AfiSafi.L2VPN_EVPN, VTEP, null, nlri)));
    }

    private static RouteMonitoring announce(PerPeerHeader peer, long sequence, Nlri... nlri) {
        return new RouteMonitoring(peer, new BgpUpdate(List.of(), attributes(sequence, List.of(nlri)), List.of()));
    }

    private static RouteMonitoring announceInVni(int vni, long sequence, Nlri... nlri) {
        return new RouteMonitoring(PEER_PRE, new BgpUpdate(List.of(), attributes(vni, sequence, List.of(nlri)),
                List.of()));
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

    @Test
    void aRouteIsFoundByItsKeyAndReadBackAsAnnounced() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 3, mac(1), mac(2)));
        PeerView view = new PeerView(PEER_PRE.key(), RibView.ADJ_RIB_IN_PRE_POLICY);
        RibRoute route = rib.route(view, mac(2).key()).orElseThrow();
        assertEquals(mac(2), route.nlri());
        assertEquals(VTEP, route.nextHop());
        assertEquals(attributes(3, List.of()), route.attributes());
        assertEquals(Optional.empty(), rib.route(view, mac(3).key()));
        assertEquals(Optional.empty(), rib.route(new PeerView(PEER_POST.key(), RibView.ADJ_RIB_IN_POST_POLICY),
                mac(2).key()));
        assertEquals(2, rib.routes(view).size());
        assertTrue(rib.routes(view).contains(route));
    }

    @Test
    void newLabelsOnTheSameKeyReplaceTheRoute() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announce(PEER_PRE, 0, mac(1)));
        MacIpAdvertisement relabelled = new MacIpAdvertisement(Nlri.NO_PATH_ID, mac(1).rd(), Esi.ZERO, 0,
                mac(1).mac(), null, Label.of(200), null);
        RouteChange.Replaced replaced = assertInstanceOf(RouteChange.Replaced.class,
                rib.apply(announce(PEER_PRE, 0, relabelled)).getFirst());
        assertEquals(mac(1), replaced.previous().nlri());
        assertEquals(relabelled, replaced.route().nlri());
        assertEquals(1, rib.size());
    }

    @Test
    void routesOfOneVniShareOneAttributeSetWhateverTheirSequence() {
        AdjRibIn rib = new AdjRibIn();
        for (int i = 1; i <= 100; i++) {
            rib.apply(announceInVni(100, i, mac(i)));
        }
        rib.apply(announceInVni(101, 1, mac(1000)));
        assertEquals(2, rib.attributeSets());
        assertEquals(7, rib.route(new PeerView(PEER_PRE.key(), RibView.ADJ_RIB_IN_PRE_POLICY), mac(7).key())
                .orElseThrow().attributes().extendedCommunities(ExtendedCommunity.MacMobility.class).getFirst()
                .sequence(), "each route keeps its own sequence");
    }

    @Test
    void attributeSetsNoRouteUsesAnyMoreAreCollected() {
        AdjRibIn rib = new AdjRibIn();
        rib.apply(announceInVni(100, 1, mac(1)));
        rib.apply(announceInVni(101, 1, mac(2)));
        rib.apply(announceInVni(102, 1, mac(3)));
        rib.apply(withdraw(PEER_PRE, mac(2)));
        rib.apply(announceInVni(100, 2, mac(3)));        // moves to VNI 100: 102's set is unused too
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return rib.attributeSets() == 1;
        });
        assertEquals(2, rib.size());
        rib.peerDown(PEER_PRE.key());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return rib.attributeSets() == 0;
        });
    }
}
