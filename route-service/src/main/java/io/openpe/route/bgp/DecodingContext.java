package io.openpe.route.bgp;

import java.util.Set;

/**
 * What the two OPENs of a BGP session agreed that changes the UPDATE encoding: 4-byte AS numbers in AS_PATH
 * (RFC 6793) and, per AFI/SAFI, a 4-byte path identifier before each NLRI (ADD-PATH, RFC 7911).
 */
public record DecodingContext(boolean fourByteAsn, Set<AfiSafi> addPath) {

    /** 4-byte AS paths and no path identifiers: what RFC 7854 §4.2 implies when the A flag is clear. */
    public static final DecodingContext DEFAULT = new DecodingContext(true, Set.of());

    public DecodingContext {
        addPath = Set.copyOf(addPath);
    }

    public boolean addPath(AfiSafi afiSafi) {
        return !addPath.isEmpty() && addPath.contains(afiSafi);
    }

    public DecodingContext withFourByteAsn(boolean fourByte) {
        return new DecodingContext(fourByte, addPath);
    }

    public DecodingContext withoutAddPath() {
        return new DecodingContext(fourByteAsn, Set.of());
    }

    /**
     * The context of UPDATEs that {@code speaker} sends to {@code receiver}. 4-byte AS numbers are used only when both
     * OPENs carry the 4-octet AS capability (RFC 6793 §3). Path identifiers are present for an AFI/SAFI only when the
     * speaker advertised it can send (Send/Receive 2 or 3) and the receiver advertised it can receive (1 or 3)
     * (RFC 7911 §4: the sender may send path ids only when it said "send" and the peer said "receive").
     */
    public static DecodingContext forUpdatesFrom(BgpOpen speaker, BgpOpen receiver) {
        boolean fourByte = speaker.fourOctetAs().isPresent() && receiver.fourOctetAs().isPresent();
        Set<AfiSafi> sends = speaker.addPathFamilies(true);
        Set<AfiSafi> receives = receiver.addPathFamilies(false);
        Set<AfiSafi> both = new java.util.HashSet<>(sends);
        both.retainAll(receives);
        return new DecodingContext(fourByte, both);
    }
}
