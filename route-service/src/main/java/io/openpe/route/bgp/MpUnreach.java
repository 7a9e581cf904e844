package io.openpe.route.bgp;

import java.util.List;

/** MP_UNREACH_NLRI (RFC 4760 §4). With no routes it is an End-of-RIB marker for its family (RFC 4724 §2). */
public record MpUnreach(AfiSafi afiSafi, List<Nlri> withdrawn) implements PathAttribute {

    public MpUnreach {
        withdrawn = List.copyOf(withdrawn);
    }

    @Override
    public int typeCode() {
        return MP_UNREACH_NLRI;
    }
}
