package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** AS_PATH (RFC 4271 §5.1.2), AS numbers 2 or 4 bytes wide as the session negotiated (RFC 6793). */
public record AsPath(List<AsPathSegment> segments) implements PathAttribute {

    public static final AsPath EMPTY = new AsPath(List.of());
    /** RFC 6793 §2: stands in for a 4-byte ASN in a 2-byte AS_PATH. */
    public static final long AS_TRANS = 23456;

    public AsPath {
        segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
        return AS_PATH;
    }

    static List<AsPathSegment> readSegments(ByteBuf value, boolean fourByte, String what) {
        List<AsPathSegment> segments = new ArrayList<>(2);
        int width = fourByte ? 4 : 2;
        while (value.isReadable()) {
            int type = value.readUnsignedByte();
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) {
                throw new DecodeException(what + ": unknown segment type " + type);
            }
            if (!value.isReadable()) {
                Wire.need(value, 1, what + " segment length");
            }
            int count = value.readUnsignedByte();
            if (value.readableBytes() < count * width) {
                Wire.need(value, count * width, what + " segment of " + count + " " + width + "-byte ASNs");
            }
            int[] asns = new int[count];
            for (int i = 0; i < count; i++) {
                asns[i] = fourByte ? value.readInt() : value.readUnsignedShort();
            }
            segments.add(new AsPathSegment(type, asns));
        }
        return segments;
    }

    /** The origin AS: the last AS of the last AS_SEQUENCE, 0 when the path is empty or ends in a set. */
    public long originAs() {
        if (segments.isEmpty()) {
            return 0;
        }
        AsPathSegment last = segments.getLast();
        return last.type() == AsPathSegment.AS_SEQUENCE && last.size() > 0 ? last.asn(last.size() - 1) : 0;
    }

    /** Every AS number in order, sets flattened. */
    public long[] asns() {
        int n = 0;
        for (AsPathSegment s : segments) {
            n += s.size();
        }
        long[] out = new long[n];
        int i = 0;
        for (AsPathSegment s : segments) {
            for (int j = 0; j < s.size(); j++) {
                out[i++] = s.asn(j);
            }
        }
        return out;
    }

    int pathLength() {
        return segments.stream().mapToInt(AsPathSegment::pathLength).sum();
    }

    @Override
    public String toString() {
        return segments.stream().map(AsPathSegment::toString).collect(Collectors.joining(" "));
    }
}
