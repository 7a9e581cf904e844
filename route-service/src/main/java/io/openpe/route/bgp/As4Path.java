package io.openpe.route.bgp;

import java.util.List;

/** AS4_PATH (RFC 6793 §3): the 4-byte path a 2-byte-only session carries beside AS_PATH. */
public record As4Path(List<AsPathSegment> segments) implements PathAttribute {

    public As4Path {
        segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
        return AS4_PATH;
    }
}
