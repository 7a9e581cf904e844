package io.openpe.route.bgp;

import java.util.List;

/** EXTENDED_COMMUNITIES (RFC 4360), each typed as far as we know its type and subtype. */
public record ExtendedCommunities(List<ExtendedCommunity> values) implements PathAttribute {

    public ExtendedCommunities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return EXTENDED_COMMUNITIES;
    }
}
