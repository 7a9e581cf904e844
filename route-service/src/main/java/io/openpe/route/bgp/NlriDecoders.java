package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.Wire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The NLRI decoder for each AFI/SAFI; families without one are kept raw as {@link UnknownNlri}. Immutable. */
public final class NlriDecoders {

    private final Map<AfiSafi, NlriDecoder> byFamily;

    private NlriDecoders(Map<AfiSafi, NlriDecoder> byFamily) {
        this.byFamily = Map.copyOf(byFamily);
    }

    /** IPv4 and IPv6 unicast. */
    public static NlriDecoders unicast() {
        return new NlriDecoders(Map.of(
                AfiSafi.IPV4_UNICAST, new IpUnicastNlriDecoder(),
                AfiSafi.IPV6_UNICAST, new IpUnicastNlriDecoder()));
    }

    public NlriDecoders with(AfiSafi afiSafi, NlriDecoder decoder) {
        Map<AfiSafi, NlriDecoder> copy = new HashMap<>(byFamily);
        copy.put(afiSafi, decoder);
        return new NlriDecoders(copy);
    }

    public boolean knows(AfiSafi afiSafi) {
        return byFamily.containsKey(afiSafi);
    }

    /** Decodes the whole of {@code nlri}; an unknown family becomes one {@link UnknownNlri} holding the raw bytes. */
    public void decode(ByteBuf nlri, AfiSafi afiSafi, boolean addPath, List<Nlri> out) {
        NlriDecoder decoder = byFamily.get(afiSafi);
        if (decoder == null) {
            if (nlri.isReadable()) {
                out.add(new UnknownNlri(afiSafi, Wire.octets(nlri, nlri.readableBytes(), "NLRI " + afiSafi)));
            }
            return;
        }
        decoder.decode(nlri, afiSafi, addPath, out);
    }
}
