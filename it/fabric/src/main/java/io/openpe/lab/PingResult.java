package io.openpe.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Echo requests sent and replies received by one {@code ping} run. */
public record PingResult(long transmitted, long received) {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    static PingResult parse(String output) {
        Matcher matcher = SUMMARY.matcher(output);
        if (!matcher.find()) {
            return new PingResult(0, 0);
        }
        return new PingResult(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    public long lost() {
        return transmitted - received;
    }

    /** Lost share of the requests, 0 to 1 (1 when none was sent). */
    public double loss() {
        return transmitted == 0 ? 1.0 : (double) lost() / transmitted;
    }

    public boolean allReceived() {
        return transmitted > 0 && received == transmitted;
    }
}
