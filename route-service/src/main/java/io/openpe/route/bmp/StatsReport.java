package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics Report (RFC 7854 §4.8): per-peer header, stats count (4), then type (2), length (2), value. Standard
 * types (0–17, RFC 7854 and RFC 8671) are 4-byte counters, 8-byte gauges, or AFI (2) + SAFI (1) + 8-byte gauge.
 * Anything else, such as FRR's private type 65531 (DESIGN §6), is skipped by its length and listed in
 * {@code skippedTypes}.
 */
public record StatsReport(PerPeerHeader peer, List<Statistic> statistics, List<Integer> skippedTypes)
        implements BmpMessage {

    private static final int LAST_STANDARD_TYPE = 17;

    public StatsReport {
        statistics = List.copyOf(statistics);
        skippedTypes = List.copyOf(skippedTypes);
    }

    /** One counter or gauge; {@code afiSafi} is null unless the statistic is per family. */
    public record Statistic(int type, AfiSafi afiSafi, long value) {
    }

    static StatsReport decode(PerPeerHeader peer, ByteBuf body) {
        long count = Wire.u32(body, "Statistics Report count");
        List<Statistic> stats = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int type = Wire.u16(body, "Statistics Report stat " + i + " type");
            int length = Wire.u16(body, "Statistics Report stat type " + type + " length");
            ByteBuf value = Wire.slice(body, length, "Statistics Report stat type " + type + " value");
            if (type > LAST_STANDARD_TYPE) {
                skipped.add(type);
                continue;
            }
            switch (length) {
                case 4 -> stats.add(new Statistic(type, null, value.readUnsignedInt()));
                case 8 -> stats.add(new Statistic(type, null, value.readLong()));
                case 11 -> {
                    AfiSafi afiSafi = new AfiSafi(value.readUnsignedShort(), value.readUnsignedByte());
                    stats.add(new Statistic(type, afiSafi, value.readLong()));
                }
                default -> skipped.add(type);
            }
        }
        Wire.expectEnd(body, "Statistics Report");
        return new StatsReport(peer, stats, skipped);
    }

    @Override
    public int type() {
        return STATISTICS_REPORT;
    }
}
