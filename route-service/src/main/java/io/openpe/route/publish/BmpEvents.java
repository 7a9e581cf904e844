package io.openpe.route.publish;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.bmp.PeerDown;
import io.openpe.route.bmp.PeerUp;
import io.openpe.route.bmp.StatsReport;
import io.openpe.route.mobility.DuplicateMac;
import io.openpe.route.mobility.MacAdvertisement;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.EndOfRib;
import io.openpe.route.v1.SessionDown;
import io.openpe.route.v1.SessionUp;
import io.openpe.route.v1.Statistics;
import java.time.Instant;

/**
 * BMP session and peer events to {@code openpe.route.v1.BmpEvent} on openpe.bmp-events, keyed
 * {@code <cluster>/<router>} (DESIGN §8: every key starts with the cluster, then the router).
 */
public final class BmpEvents {

    private BmpEvents() {
    }

    public static String key(String cluster, String router) {
        return cluster + "/" + router;
    }

    public static BmpEvent sessionUp(String cluster, String router, String sysName, String sysDescr, Instant at) {
        return base(cluster, router, sysName, at).setSessionUp(SessionUp.newBuilder().setSysDescr(sysDescr)).build();
    }

    public static BmpEvent sessionDown(String cluster, String router, String sysName, String reason, long messages,
            Instant at) {
        return base(cluster, router, sysName, at)
                .setSessionDown(SessionDown.newBuilder().setReason(reason).setMessages(messages)).build();
    }

    public static BmpEvent peerUp(String cluster, String router, String sysName, PeerUp up, Instant at) {
        DecodingContext context = up.decodingContext(up.peer().adjRibOut());
        var peerUp = io.openpe.route.v1.PeerUp.newBuilder().setPeer(EvpnRoutes.peer(up.peer()))
                .setLocalAddress(up.localAddress().toString()).setFourByteAsn(context.fourByteAsn());
        context.addPath().stream().map(AfiSafi::toString).sorted().forEach(peerUp::addAddPath);
        return base(cluster, router, sysName, at).setPeerUp(peerUp).build();
    }

    public static BmpEvent peerDown(String cluster, String router, String sysName, PeerDown down, int withdrawn,
            Instant at) {
        return base(cluster, router, sysName, at).setPeerDown(io.openpe.route.v1.PeerDown.newBuilder()
                .setPeer(EvpnRoutes.peer(down.peer())).setReason(down.reason()).setWithdrawnRoutes(withdrawn)).build();
    }

    /** Per-family gauges of one type are summed: the proto map is keyed by statistic type only. */
    public static BmpEvent statistics(String cluster, String router, String sysName, StatsReport report, Instant at) {
        var stats = Statistics.newBuilder().setPeer(EvpnRoutes.peer(report.peer()));
        for (StatsReport.Statistic s : report.statistics()) {
            stats.putCounters(s.type(), stats.getCountersOrDefault(s.type(), 0) + s.value());
        }
        return base(cluster, router, sysName, at).setStatistics(stats).build();
    }

    public static BmpEvent endOfRib(String cluster, String router, String sysName,
            io.openpe.route.bmp.PerPeerHeader peer, AfiSafi family, Instant at) {
        return base(cluster, router, sysName, at).setEndOfRib(EndOfRib.newBuilder().setPeer(EvpnRoutes.peer(peer))
                .setAfiSafi(family.toString())).build();
    }

    /** One location per VTEP claiming the MAC (its highest sequence), under the router that revealed it. */
    public static BmpEvent duplicateMac(DuplicateMac duplicate, String sysName, Instant at) {
        var event = io.openpe.route.v1.DuplicateMac.newBuilder().setVni(duplicate.vni()).setMac(duplicate.mac());
        for (MacAdvertisement claim : duplicate.claims()) {
            event.addLocations(MacAdvertisements.location(claim));
        }
        MacAdvertisement reporter = duplicate.reporter();
        return base(reporter.cluster(), reporter.router(), sysName, at).setDuplicateMac(event).build();
    }

    private static BmpEvent.Builder base(String cluster, String router, String sysName, Instant at) {
        return BmpEvent.newBuilder().setCluster(cluster).setRouter(EvpnRoutes.router(router, sysName))
                .setAt(EvpnRoutes.timestamp(at));
    }
}
