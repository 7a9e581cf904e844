package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.util.JsonFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.route.cluster.RouterClusters;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.wire.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * LocateMac's index, fed by real sessions (EmbeddedChannel pipelines), against a full scan of the RIBs
 * ({@link Routers#routes()}) on random BMP streams, and against the routes of the FRR 8.4.4 capture goldens.
 */
class MacLocatorTest {

    private static final Path GOLDEN = Path.of("src/test/resources/io/openpe/route/golden");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Routers routers = new Routers("lab", new PublishQueue(10_000_000));

    private EmbeddedChannel session() {
        return EmbeddedSession.of(routers, new SimpleMeterRegistry(), new PublishQueue(10_000_000),
                Duration.ofSeconds(30), CLOCK);
    }

    private static void write(EmbeddedChannel channel, String frame) {
        channel.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(frame)));
    }

    @Test
    void agreesWithAFullScanOfTheRibsOnRandomBmpStreams() {
        // Peers: 192.168.0.2 and 192.168.0.3 (AS 65001), and FRR's own routes (0.0.0.0, AS 0, post-policy).
        List<String> peers = List.of(MacRouteFrames.peer("c0a80002", 65001, false),
                MacRouteFrames.peer("c0a80002", 65001, true), MacRouteFrames.peer("c0a80003", 65001, false),
                MacRouteFrames.peer("c0a80003", 65001, true), MacRouteFrames.peer("00000000", 0, true));
        List<String> vteps = List.of("0a000001", "0a000002", "0a00000a", "0a000101");
        EmbeddedChannel channel = session();
        write(channel, BmpStream.INITIATION);
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            for (int op = 0; op < 150; op++) {
                String peer = peers.get(random.nextInt(peers.size()));
                int mac = 1 + random.nextInt(3);
                int kind = random.nextInt(12);
                if (kind == 0) {
                    write(channel, MacRouteFrames.peerDown(peer));
                } else if (kind < 4) {
                    write(channel, MacRouteFrames.withdraw(peer, mac));
                } else {
                    write(channel, MacRouteFrames.announce(peer, mac, vteps.get(random.nextInt(vteps.size())),
                            random.nextInt(4), random.nextInt(15) == 0));
                }
                for (int m = 1; m <= 3; m++) {
                    String text = String.format("aa:bb:cc:00:00:%02x", m);
                    assertEquals(scan(routers.routes(), 110, text).map(MacLocatorTest::answer),
                            routers.locateMac(110, text).map(MacLocatorTest::answer),
                            "seed " + seed + ", operation " + op + ", MAC " + text);
                }
            }
        }
        assertEquals(routers.routes().stream().filter(r -> r.getRouteType() == 2).count(),
                routers.macRoutesIndexed());
        channel.finishAndReleaseAll();
    }

    /**
     * Replays each capture message by message; after each, every MAC the golden's routes hold at that point is
     * located where those routes put it (by the rule, from the golden's own fields), and no other MAC is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"frr-ibgp-evpn-router-b", "frr-ebgp-evpn-router-d"})
    void locatesEveryMacOfTheFrrCapturesWhereTheirGoldenSaysItIs(String scenario) throws Exception {
        EmbeddedChannel channel = session();
        byte[] capture = Files.readAllBytes(GOLDEN.resolve(scenario + ".bin"));
        Map<String, EvpnRoute> live = new HashMap<>();
        Set<String> macsSeen = new TreeSet<>();
        int located = 0;
        List<String> lines = Files.readAllLines(GOLDEN.resolve(scenario + ".golden.json"));
        for (int i = 0; i < lines.size(); i++) {
            JsonObject message = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            if (!message.has("offset")) {
                continue;
            }
            int offset = message.get("offset").getAsInt();
            int length = ((capture[offset + 1] & 0xff) << 24) | ((capture[offset + 2] & 0xff) << 16)
                    | ((capture[offset + 3] & 0xff) << 8) | (capture[offset + 4] & 0xff);
            channel.writeInbound(Unpooled.wrappedBuffer(capture, offset, length));
            for (int e = i + 1; e < lines.size() && !lines.get(e).startsWith("{\"offset\""); e++) {
                JsonObject event = JsonParser.parseString(lines.get(e)).getAsJsonObject();
                if (event.has("event") && event.get("event").getAsString().equals("added")) {
                    var route = EvpnRoute.newBuilder();
                    JsonFormat.parser().ignoringUnknownFields().merge(event.get("route").toString(), route);
                    live.put(event.get("key").getAsString(), route.build());
                    if (route.getRouteType() == 2) {
                        macsSeen.add(route.getMac());
                    }
                } else if (event.has("event")) {
                    live.remove(event.get("key").getAsString());
                }
            }
            List<EvpnRoute> golden = List.copyOf(live.values());
            for (String mac : macsSeen) {
                Optional<List<Object>> expected = scan(golden, 110, mac).map(r -> List.of(r.getNextHop(),
                        Integer.toUnsignedLong(r.getMacMobilitySequence()), r.getMacMobilitySticky(),
                        r.getPeer().getAddress()));
                Optional<List<Object>> actual = routers.locateMac(110, mac).map(l -> List.of(l.getVtep(),
                        Integer.toUnsignedLong(l.getMobilitySequence()), l.getSticky(), l.getPeer()));
                assertEquals(expected, actual, scenario + " after the message at offset " + offset + ", " + mac);
                located += actual.isPresent() ? 1 : 0;
            }
        }
        assertTrue(located > 0, scenario + " locates MACs at some point");
        channel.finishAndReleaseAll();
    }

    /**
     * RFC 7432 §15 written out as a scan over every route: sticky first, then the highest sequence, then the lowest
     * VTEP address; among copies of that one, the router's own route (FRR's local routes), then the lowest key.
     */
    /**
     * A MAC reported by a router of cluster "lab" with a VTEP the plans give to a node of cluster "b": the location
     * names "b" (where the MAC is), not the reporter's cluster; a VTEP no plan names keeps the reporter's.
     */
    @Test
    void theLocationNamesTheClusterOfThePlannedVtepNotTheReporters() {
        RouterClusters plans = new RouterClusters();
        plans.planned("b/b1", new RouterClusters.PlannedNode("b", "b1", "10.0.1.99", "10.0.1.1"));
        Routers planned = new Routers("lab", new PublishQueue(10_000_000), plans, false);
        EmbeddedChannel channel = EmbeddedSession.of(planned, new SimpleMeterRegistry(), new PublishQueue(10_000_000),
                Duration.ofSeconds(30), CLOCK);
        String peer = MacRouteFrames.peer("c0a80002", 65001, true);
        write(channel, BmpStream.INITIATION);
        write(channel, MacRouteFrames.announce(peer, 1, "0a000101", 1, false));   // VTEP 10.0.1.1, planned in b
        write(channel, MacRouteFrames.announce(peer, 2, "0a000202", 0, false));   // VTEP 10.0.2.2, in no plan
        MacLocation moved = planned.locateMac(110, "aa:bb:cc:00:00:01").orElseThrow();
        assertEquals("10.0.1.1", moved.getVtep());
        assertEquals("b", moved.getCluster(), moved.toString());
        assertEquals("lab", planned.locateMac(110, "aa:bb:cc:00:00:02").orElseThrow().getCluster());
    }

    static Optional<EvpnRoute> scan(List<EvpnRoute> routes, int vni, String mac) {
        List<EvpnRoute> candidates = new ArrayList<>(routes.stream()
                .filter(r -> r.getRouteType() == 2 && r.getVni() == vni && r.getMac().equals(mac)).toList());
        if (candidates.stream().anyMatch(EvpnRoute::getMacMobilitySticky)) {
            candidates.removeIf(r -> !r.getMacMobilitySticky());
        }
        long highest = candidates.stream().mapToLong(r -> Integer.toUnsignedLong(r.getMacMobilitySequence()))
                .max().orElse(-1);
        candidates.removeIf(r -> Integer.toUnsignedLong(r.getMacMobilitySequence()) != highest);
        long lowest = candidates.stream().mapToLong(r -> ipv4(r.getNextHop())).min().orElse(-1);
        candidates.removeIf(r -> ipv4(r.getNextHop()) != lowest);
        if (candidates.stream().anyMatch(r -> r.getPeer().getAddress().equals("0.0.0.0"))) {
            candidates.removeIf(r -> !r.getPeer().getAddress().equals("0.0.0.0"));
        }
        return candidates.stream().min(Comparator.comparing(EvpnRoute::getRouteKey));
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value * 256 + Integer.parseInt(octet);
        }
        return value;
    }

    private static List<Object> answer(EvpnRoute r) {
        return List.of(r.getNextHop(), r.getMacMobilitySequence(), r.getMacMobilitySticky(), r.getCluster(),
                r.getRouter().getAddress(), r.getPeer().getAddress(), r.getRouteKey());
    }

    private static List<Object> answer(MacLocation l) {
        return List.of(l.getVtep(), l.getMobilitySequence(), l.getSticky(), l.getCluster(), l.getRouter(),
                l.getPeer(), l.getRouteKey());
    }
}
