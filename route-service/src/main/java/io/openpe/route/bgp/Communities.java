package io.openpe.route.bgp;

import java.util.List;

/** COMMUNITIES (RFC 1997): 4-byte values, shown as "high:low". */
public record Communities(List<Long> values) implements PathAttribute {

    public Communities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return COMMUNITIES;
    }

    public List<String> texts() {
        return values.stream().map(v -> (v >>> 16) + ":" + (v & 0xffff)).toList();
    }
}
