package io.openpe.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Packet and byte counters of one link, as {@code ip -s -j link show} reports them. */
public record LinkCounters(long rxPackets, long txPackets, long rxBytes, long txBytes) {

    private static final Pattern DIRECTION = Pattern.compile(
            "\"(rx|tx)\":\\{\"bytes\":(\\d+),\"packets\":(\\d+)");

    static LinkCounters parse(String json) {
        long[] values = new long[4];
        boolean[] seen = new boolean[2];
        Matcher matcher = DIRECTION.matcher(json);
        while (matcher.find()) {
            int offset = matcher.group(1).equals("rx") ? 0 : 1;
            if (!seen[offset]) {
                seen[offset] = true;
                values[2 + offset] = Long.parseLong(matcher.group(2));
                values[offset] = Long.parseLong(matcher.group(3));
            }
        }
        if (!seen[0] || !seen[1]) {
            throw new LabException("no rx/tx counters in: " + json);
        }
        return new LinkCounters(values[0], values[1], values[2], values[3]);
    }
}
