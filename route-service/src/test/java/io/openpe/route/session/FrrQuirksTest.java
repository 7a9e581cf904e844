package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.cluster.RouterClusters;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.EvpnRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The FRR 8.4 quirks of DESIGN §6, as hand-built BMP byte streams through the real session pipeline in memory
 * (frame decoder → BmpSessionDecoder → Routers/AdjRibIn → publish records). Expected values come from the bytes written
 * here and from FRR's bgpd/bgp_bmp.c (see DESIGN.md "FRR 8.4 quirks").
 */
class FrrQuirksTest {

    static final String PRE = BmpEncoding.globalPeer(0x00);
    static final String POST = BmpEncoding.globalPeer(0x40);
    static final String KEY_SUFFIX = "/192.168.0.2/%s/10.0.0.1:2/2/0/aa:bb:cc:00:00:01/10.1.1.10";
    static final String PRE_KEY = "lab/embedded" + KEY_SUFFIX.formatted("adj-rib-in-pre-policy");
    static final String POST_KEY = "lab/embedded" + KEY_SUFFIX.formatted("adj-rib-in-post-policy");

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final PublishQueue queue = new PublishQueue(10_000);
    /** The node plans route-service has read; none until a test plans one. */
    final RouterClusters plans = new RouterClusters();
    final Routers routers = new Routers("lab", queue, plans, false);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EmbeddedChannel channel = EmbeddedSession.of(routers, registry, queue, Duration.ofSeconds(30), clock);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Peer Up of peer 192.168.0.2: the router's OPEN says {@code localAsHex}, the peer's {@code peerAsHex}. */
    static String peerUp(String peerAs4, String localAs2, String localAs4, String peerAs2) {
        String perPeer = BmpEncoding.perPeer(0, 0, "0000000000000000", BmpEncoding.ADDR_192_168_0_2, peerAs4,
                "c0a80002", "6553f100", "000001f4");
        return BmpEncoding.frame(3, perPeer,
                "000000000000000000000000 0a000001",    // local address 10.0.0.1
                "b3a2", "00b3",                            // local port 45986, remote port 179
                BmpStream.open(localAs2, "0a000001", "01 04 0019 00 46", "41 04 " + localAs4),  // sent OPEN
                BmpStream.open(peerAs2, "c0a80002", "01 04 0019 00 46", "41 04 " + peerAs4));   // received OPEN
    }

    /** eBGP: router AS 65002 (0xfdea), peer AS 65001 (0xfde9). */
    static final String EBGP_PEER_UP = peerUp("0000fde9", "fdea", "0000fdea", "fde9");

    /** BmpStream's type-2 route with the given AS_PATH attribute value (4-byte ASNs). */
    static String announce(String perPeer, String asPath) {
        return announce(perPeer, asPath, "0a000001");
    }

    /** The same route with next hop {@code nextHopHex} (4 bytes). */
    static String announce(String perPeer, String asPath, String nextHopHex) {
        return BmpEncoding.frame(0, perPeer, update("", concat(
                attribute(0x40, 1, "00"),
                attribute(0x50, 2, asPath),
                attribute(0xc0, 16, "00 02 fde9 0000006e" + "03 0c 00000000 0008"),
                attribute(0x90, 14, "0019 46 04 " + nextHopHex + " 00" + BmpStream.TYPE2.replace(" ", ""))), ""));
    }

    void write(String... frames) {
        channel.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(frames)));
    }

    List<Outbound> drain() throws InterruptedException {
        List<Outbound> out = new ArrayList<>();
        List<Outbound> taken;
        while (!(taken = queue.take(Integer.MAX_VALUE, 10, TimeUnit.MILLISECONDS)).isEmpty()) {
            out.addAll(taken);
        }
        return out;
    }

    List<Outbound> routeRecords() throws InterruptedException {
        return drain().stream().filter(o -> o.topic().equals(Topics.EVPN_ROUTES)).toList();
    }

    static EvpnRoute only(List<Outbound> records, String key) {
        List<Outbound> matching = records.stream().filter(o -> o.key().equals(key)).toList();
        assertEquals(1, matching.size(), matching.toString());
        return (EvpnRoute) matching.getFirst().value();
    }

    // --- eBGP: FRR prepends the router's own AS (bgp_packet_attribute for an eBGP peer) ---

    @Test
    void ebgpPathStartingWithLocalThenPeerAsLosesTheLocalAsAndIsMarked() throws Exception {
        // AS_SEQUENCE (2) of 3: 65002 (router, prepended by FRR), 65001 (peer), 65010 (origin).
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(PRE, "02 03 0000fdea 0000fde9 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(65001, 65010), route.getAsPathList());
        assertEquals(65010, route.getOriginAs());
        assertEquals(List.of("frr-ebgp-local-as-prepended"), route.getCorrectionsList());
    }

    @Test
    void ebgpPathOfOnlyLocalThenPeerAsKeepsThePeerAsOrigin() throws Exception {
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(POST, "02 02 0000fdea 0000fde9"));
        EvpnRoute route = only(routeRecords(), POST_KEY);
        assertEquals(List.of(65001), route.getAsPathList());
        assertEquals(65001, route.getOriginAs());
        assertEquals(List.of("frr-ebgp-local-as-prepended"), route.getCorrectionsList());
    }

    @Test
    void ebgpPathWithoutThePrependIsLeftAsSent() throws Exception {
        // [65001 65010]: starts with the peer's AS (e.g. "attribute-unchanged as-path" on the router).
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(PRE, "02 02 0000fde9 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(65001, 65010), route.getAsPathList());
        assertEquals(65010, route.getOriginAs());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void ebgpPathWithLocalAsNotFollowedByThePeerAsIsLeftAsSent() throws Exception {
        // [65002 65010]: the second AS is not the peer's, so the first cannot be told to be FRR's prepend.
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(PRE, "02 02 0000fdea 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(65002, 65010), route.getAsPathList());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void ibgpPathIsLeftAsSentEvenWhenItStartsWithTheLocalAs() throws Exception {
        // iBGP 65001/65001: FRR prepends nothing; [65001 65001 65010] is what the peer sent.
        write(BmpStream.INITIATION, peerUp("0000fde9", "fde9", "0000fde9", "fde9"),
                announce(PRE, "02 03 0000fde9 0000fde9 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(65001, 65001, 65010), route.getAsPathList());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void adjRibOutPathIsLeftAsSent() throws Exception {
        // RFC 8671 O flag (0x10): a path the router sends to its eBGP peer rightly starts with the router's AS.
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(BmpEncoding.globalPeer(0x10), "02 02 0000fdea 0000fde9"));
        EvpnRoute route = only(routeRecords(), PRE_KEY.replace("adj-rib-in", "adj-rib-out"));
        assertEquals(List.of(65002, 65001), route.getAsPathList());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void withoutAPeerUpNothingIsCorrected() throws Exception {
        write(BmpStream.INITIATION, announce(PRE, "02 02 0000fdea 0000fde9"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(65002, 65001), route.getAsPathList());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void fourByteAsnsAreComparedInFull() throws Exception {
        // Router AS 4200000002 (0xfa56ea02), peer AS 4200000001 (0xfa56ea01); the OPENs' 2-byte My AS is AS_TRANS
        // (23456 = 0x5ba0, RFC 6793 §4.1) and the 4-octet AS capability carries the real one.
        write(BmpStream.INITIATION, peerUp("fa56ea01", "5ba0", "fa56ea02", "5ba0"),
                announce(PRE, "02 03 fa56ea02 fa56ea01 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of((int) 4200000001L, 65010), route.getAsPathList());
        assertEquals(65010, route.getOriginAs());
        assertEquals(List.of("frr-ebgp-local-as-prepended"), route.getCorrectionsList());
    }

    @Test
    void fourByteAsnsThatDifferOnlyAboveSixteenBitsAreNotConfused() throws Exception {
        // Router AS 4200000002; the path starts with 0x0000ea02 (59906), which shares the low 16 bits: kept.
        write(BmpStream.INITIATION, peerUp("fa56ea01", "5ba0", "fa56ea02", "5ba0"),
                announce(PRE, "02 03 0000ea02 fa56ea01 0000fdf2"));
        EvpnRoute route = only(routeRecords(), PRE_KEY);
        assertEquals(List.of(59906, (int) 4200000001L, 65010), route.getAsPathList());
        assertEquals(List.of(), route.getCorrectionsList());
    }

    @Test
    void routersOwnRouteAsPeerZeroWithAsZeroIsNotPublished() throws Exception {
        // bmp_wrsync sends a local path post-policy under peer_self: address 0.0.0.0, AS 0, BGP id 0.0.0.0; FRR 8.4
        // never withdraws it over BMP, so a record of it could only go stale. A peer's route is still published.
        String self = BmpEncoding.perPeer(0, 0x40, "0000000000000000", "00000000000000000000000000000000",
                "00000000", "00000000", "6553f100", "00000000");
        write(BmpStream.INITIATION, announce(self, ""), announce(PRE, PATH));  // empty AS_PATH, as for a local route
        assertEquals(List.of(PRE_KEY), routeRecords().stream().map(Outbound::key).toList());
        assertEquals(1.0, registry.get("openpe.bmp.routes.own").counter().count());
    }

    // --- Post-policy withdrawals right after a Peer Up (bmp_wrqueue finds no VALID path before NHT resolves) ---

    static final String POST_WITHDRAW = BmpStream.withdrawType2(POST);
    static final String PRE_WITHDRAW = BmpStream.withdrawType2(PRE);
    /** AS_PATH [65010]: the iBGP peer learned the route from AS 65010 (a path with 65001 would be an AS loop). */
    static final String PATH = "02 01 0000fdf2";

    @Test
    void postPolicyWithdrawalRightAfterPeerUpIsReSyncedFromThePrePolicyAnnouncementThatFollows() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP);
        clock.advance(Duration.ofSeconds(1));
        write(POST_WITHDRAW, announce(PRE, PATH));
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY, POST_KEY), records.stream().map(Outbound::key).toList());
        EvpnRoute pre = only(records, PRE_KEY);
        EvpnRoute post = only(records, POST_KEY);
        assertEquals(List.of(), pre.getCorrectionsList());
        assertEquals(List.of("frr-post-policy-from-pre-policy"), post.getCorrectionsList());
        assertEquals("10.0.0.1", post.getNextHop());
        assertEquals(io.openpe.route.v1.RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY, post.getView());
    }

    @Test
    void aPublishedPostPolicyRouteWithdrawnSpuriouslyIsPublishedAgain() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(POST, PATH), announce(PRE, PATH));
        assertEquals(2, routeRecords().size());
        write(POST_WITHDRAW, announce(PRE, PATH));
        List<Outbound> records = routeRecords();
        // The tombstone FRR's withdrawal causes, then the copy: the key ends published, not lost.
        assertEquals(List.of(POST_KEY, POST_KEY), records.stream().map(Outbound::key).toList());
        assertNull(records.get(0).value());
        assertEquals(List.of("frr-post-policy-from-pre-policy"),
                ((EvpnRoute) records.get(1).value()).getCorrectionsList());
    }

    @Test
    void aLaterRealPostPolicyAnnouncementReplacesTheCopy() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, POST_WITHDRAW, announce(PRE, PATH));
        routeRecords();
        write(announce(POST, "02 02 0000fde9 0000fdf2"));
        EvpnRoute post = only(routeRecords(), POST_KEY);
        assertEquals(List.of(), post.getCorrectionsList());
        assertEquals(List.of(65001, 65010), post.getAsPathList());
    }

    @Test
    void postPolicyWithdrawalLongAfterPeerUpIsReSyncedToo() throws Exception {
        // A VTEP new to the router (a node that joins, a MAC moved behind another VTEP) is unresolved when its first
        // route arrives, however long the session has been up: the fabric's sibling routes came minutes after Peer Up.
        write(BmpStream.INITIATION, BmpStream.PEER_UP);
        clock.advance(Duration.ofMinutes(10));
        write(POST_WITHDRAW, announce(PRE, PATH));
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY, POST_KEY), records.stream().map(Outbound::key).toList());
        assertEquals(List.of("frr-post-policy-from-pre-policy"), only(records, POST_KEY).getCorrectionsList());
    }

    @Test
    void postPolicyWithdrawalFollowedByAPrePolicyWithdrawalCopiesNothing() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, POST_WITHDRAW, PRE_WITHDRAW, announce(PRE, PATH));
        assertEquals(List.of(PRE_KEY), routeRecords().stream().map(Outbound::key).toList());
    }

    /** The fabric's eBGP: node AS 64514 (0xfc02) under its leaf, AS 64512 (0xfc00). */
    static final String LEAF_PEER_UP = peerUp("0000fc00", "fc02", "0000fc02", "fc00");

    @Test
    void siblingRouteWithTheRoutersOwnAsAcceptedThroughAllowasInIsCopied() throws Exception {
        // it/e2e finding: node A0 (AS 64514) holds its sibling A1's routes (AS 64514 too) over the leaf, path
        // [64514 (FRR's prepend) 64512 64514]; FRR accepts them with allowas-in, yet reported them post-policy as
        // withdrawn (A1's VTEP unresolved) and the old rule refused the copy as an AS loop.
        write(BmpStream.INITIATION, LEAF_PEER_UP, POST_WITHDRAW, announce(PRE, "02 03 0000fc02 0000fc00 0000fc02"));
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY, POST_KEY), records.stream().map(Outbound::key).toList());
        assertEquals(List.of(64512, 64514), only(records, POST_KEY).getAsPathList());
        assertTrue(registry.find("openpe.bmp.routes.denied").counters().isEmpty());
    }

    @Test
    void theAllowasInTheRoutersAreGivenDecides() throws Exception {
        // openpe.bmp.allowas-in reaches the denial rule through Routers' constructor (the mapping's value): with 0,
        // the sibling route above (own AS once, after FRR's prepend) is denied instead of copied.
        PublishQueue strictQueue = new PublishQueue(10_000);
        SimpleMeterRegistry strictRegistry = new SimpleMeterRegistry();
        EmbeddedChannel strict = EmbeddedSession.of(new Routers("lab", strictQueue, plans, false, 0,
                Routers.RESUME_BUFFER), strictRegistry, strictQueue, Duration.ofSeconds(30), clock);
        try {
            strict.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(BmpStream.INITIATION, LEAF_PEER_UP,
                    POST_WITHDRAW, announce(PRE, "02 03 0000fc02 0000fc00 0000fc02"))));
            assertEquals(1.0, strictRegistry.get("openpe.bmp.routes.denied").counter().count());
            List<Outbound> records = new ArrayList<>();
            List<Outbound> taken;
            while (!(taken = strictQueue.take(Integer.MAX_VALUE, 10, TimeUnit.MILLISECONDS)).isEmpty()) {
                records.addAll(taken);
            }
            assertEquals(List.of(), keys(records.stream().filter(o -> o.topic().equals(Topics.EVPN_ROUTES))
                    .toList()), "denied: applied as a withdrawal of a route never held, so no record at all");
        } finally {
            strict.finishAndReleaseAll();
        }
    }

    @Test
    void routeWithTheRoutersOwnAsMoreOftenThanAllowasInPermitsIsDeniedAndItsPrePolicyRecordWithdrawn()
            throws Exception {
        // FRR denies it (AS loop beyond allowas-in 3) and, when the peer withdraws it later, removes it from
        // Adj-RIB-In without a BMP message (bgp_withdraw finds no path): a published pre-policy record would stay.
        write(BmpStream.INITIATION, EBGP_PEER_UP, announce(PRE, "02 02 0000fdea 0000fde9"));
        assertEquals(List.of(PRE_KEY), routeRecords().stream().map(Outbound::key).toList());
        write(POST_WITHDRAW, announce(PRE, "02 06 0000fdea 0000fde9 0000fdea 0000fdea 0000fdea 0000fdea"));
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY), records.stream().map(Outbound::key).toList());
        assertNull(records.getFirst().value(), "the pre-policy record is withdrawn");
        assertEquals(1.0, registry.get("openpe.bmp.routes.denied").counter().count());
    }

    /** The plan of the node this router is: router id 10.0.0.1 (its BGP identifier), VTEP 100.65.0.1. */
    static final RouterClusters.PlannedNode A0 = new RouterClusters.PlannedNode("lab", "a0", "10.0.0.1", "100.65.0.1");
    /** A node's route as its leaf sends it: [64514 (FRR's prepend) 64512 64514]. */
    static final String LEAF_PATH = "02 03 0000fc02 0000fc00 0000fc02";
    static final String A0_VTEP = "64410001";
    static final String A1_VTEP = "64410002";

    /** FRR's two messages for a route it denies or has not resolved: post-policy withdrawal, then pre-policy. */
    static String[] echo(String nextHopHex) {
        return new String[] {POST_WITHDRAW, announce(PRE, LEAF_PATH, nextHopHex)};
    }

    List<String> keys(List<Outbound> records) {
        return records.stream().map(Outbound::key).toList();
    }

    double denied() {
        var counter = registry.find("openpe.bmp.routes.denied").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void echoOfTheRoutersOwnRouteWithItsPlannedVtepAsNextHopIsKeptOffTheTopic() throws Exception {
        // it/e2e finding: the leaf sends a node its own routes back (next hop its VTEP); FRR denies them ("martian or
        // self next-hop"), and their pre-policy records went stale after a move. The plan names the VTEP; the router
        // is found by the BGP identifier of its OPEN (10.0.0.1).
        plans.planned("lab/a0", A0);
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A0_VTEP));
        write(echo(A1_VTEP));
        // The echo (next hop 100.65.0.1) publishes nothing; the same route from the sibling's VTEP 100.65.0.2 is
        // accepted and copied.
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        assertEquals(1.0, denied());
    }

    @Test
    void echoThatArrivesBeforeThePlanIsWithdrawnWhenThePlanArrives() throws Exception {
        // The merged main's CI run: route-service read the node's plan after its echoed routes, accepted them as
        // unresolved (FRR had denied them) and kept them on the topic.
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A0_VTEP));
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        plans.planned("lab/a0", A0);
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(records));
        assertTrue(records.stream().allMatch(o -> o.value() == null), "both records are tombstones: " + records);
        assertEquals(1.0, denied());
        // FRR reports nothing when the leaf withdraws the echo later; a repeated plan changes nothing either.
        plans.planned("lab/a0", A0);
        assertEquals(List.of(), routeRecords());
    }

    @Test
    void aSiblingsRouteHeldWhenThePlanArrivesStays() throws Exception {
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A1_VTEP));
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        plans.planned("lab/a0", A0);
        assertEquals(List.of(), routeRecords());
        assertEquals(0.0, denied());
    }

    @Test
    void thePlanOfAnotherNodeLeavesTheRoutersRoutesAlone() throws Exception {
        // Node a1's plan names 100.65.0.1 as its VTEP, but this router (10.0.0.1) is not a1: not its own next hop.
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A0_VTEP));
        routeRecords();
        plans.planned("lab/a1", new RouterClusters.PlannedNode("lab", "a1", "10.0.0.2", "100.65.0.1"));
        assertEquals(List.of(), routeRecords());
        assertEquals(0.0, denied());
    }

    @Test
    void aPlanThatMovesTheVtepDeniesTheRoutesWithTheNewVtepAndDecidesLaterOnesByIt() throws Exception {
        plans.planned("lab/a0", A0);
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A1_VTEP));
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        // The node's VTEP becomes 100.65.0.2: the route held with that next hop is now its own echo.
        plans.planned("lab/a0", new RouterClusters.PlannedNode("lab", "a0", "10.0.0.1", "100.65.0.2"));
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(records));
        assertTrue(records.stream().allMatch(o -> o.value() == null), records.toString());
        // The old VTEP 100.65.0.1 is no longer the node's: a route with it as next hop is accepted.
        write(echo(A0_VTEP));
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        assertEquals(1.0, denied());
    }

    @Test
    void aRemovedPlanDeniesNothingMoreAndRestoresNothing() throws Exception {
        plans.planned("lab/a0", A0);
        write(BmpStream.INITIATION, LEAF_PEER_UP);
        write(echo(A0_VTEP));
        assertEquals(List.of(), routeRecords());
        // The denied echo is not restored (route-service dropped it, as FRR's Adj-RIB-In loses it unreported) ...
        plans.removed("lab/a0");
        assertEquals(List.of(), routeRecords());
        // ... and without the plan, the next one is not known as the router's own.
        write(echo(A0_VTEP));
        assertEquals(List.of(PRE_KEY, POST_KEY), keys(routeRecords()));
        assertEquals(1.0, denied());
    }

    @Test
    void aPostPolicyRouteFrrReportedItselfStaysWhenThePlanArrives() throws Exception {
        // FRR's post-policy announcement is its word that it accepted the route; only the pre-policy record, which
        // FRR would drop unreported, and route-service's own copies are re-decided.
        write(BmpStream.INITIATION, LEAF_PEER_UP, announce(POST, LEAF_PATH, A0_VTEP), announce(PRE, LEAF_PATH, A0_VTEP));
        assertEquals(List.of(POST_KEY, PRE_KEY), keys(routeRecords()));
        plans.planned("lab/a0", A0);
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY), keys(records));
        assertNull(records.getFirst().value());
    }

    // --- Peer Down repeats; withdrawals after the next Peer Up ---

    static final String PEER_DOWN = BmpEncoding.frame(2, PRE, "02", "0006");  // reason 2 (local close), FSM event 6

    @Test
    void repeatedPeerDownWithdrawsOnceAndReportsEveryRepeatWithNothingWithdrawn() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(POST, PATH), announce(PRE, PATH));
        drain();
        write(PEER_DOWN, PEER_DOWN, PEER_DOWN);
        List<Outbound> out = drain();
        List<Outbound> tombstones = out.stream().filter(o -> o.topic().equals(Topics.EVPN_ROUTES)).toList();
        assertEquals(List.of(POST_KEY, PRE_KEY), tombstones.stream().map(Outbound::key).sorted().toList());
        assertTrue(tombstones.stream().allMatch(o -> o.value() == null));
        List<Integer> withdrawn = out.stream().filter(o -> o.topic().equals(Topics.BMP_EVENTS))
                .map(o -> ((BmpEvent) o.value()).getPeerDown().getWithdrawnRoutes()).toList();
        assertEquals(List.of(2, 0, 0), withdrawn);
    }

    @Test
    void withdrawalAfterTheNextPeerUpOfARouteNotReAdvertisedPublishesNothing() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(POST, PATH), announce(PRE, PATH), PEER_DOWN);
        drain();
        write(BmpStream.PEER_UP, POST_WITHDRAW, PRE_WITHDRAW);
        assertEquals(List.of(), routeRecords());
    }

    @Test
    void withdrawalAfterTheReAdvertisementIsAppliedAsSent() throws Exception {
        // FRR's queue sends a route's current state when it is written (bmp_wrqueue looks the path up then), so a
        // withdrawal written after the re-advertisement means the route is gone now: it is applied.
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(PRE, PATH), PEER_DOWN, BmpStream.PEER_UP,
                announce(PRE, PATH));
        drain();
        write(PRE_WITHDRAW);
        List<Outbound> records = routeRecords();
        assertEquals(List.of(PRE_KEY), records.stream().map(Outbound::key).toList());
        assertNull(records.getFirst().value());
    }

    // --- Pre-policy monitoring without soft-reconfiguration inbound ---

    @Test
    void prePolicyWithdrawalsOfRoutesNeverAnnouncedAreCountedAndTheMissingSoftReconfigurationIsWarnedOnce()
            throws Exception {
        // What a router without soft-reconfiguration sends: the post-policy route, then a pre-policy withdrawal.
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(POST, PATH), PRE_WITHDRAW, PRE_WITHDRAW);
        assertEquals(2.0, registry.get("openpe.bmp.withdrawals.unannounced").tag("view", "adj-rib-in-pre-policy")
                .counter().count());
        RouterState router = routers.router("embedded");
        assertEquals(1, router.softReconfigurationWarned.size(), "one warning for the peer");
        assertEquals(List.of(POST_KEY), routeRecords().stream().map(Outbound::key).toList());
    }

    @Test
    void prePolicyWithdrawalOfAHeldRouteIsNotCounted() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP, announce(PRE, PATH), PRE_WITHDRAW);
        assertTrue(registry.find("openpe.bmp.withdrawals.unannounced").counters().isEmpty());
        assertTrue(routers.router("embedded").softReconfigurationWarned.isEmpty());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
