package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A decoded OPEN (RFC 4271 §4.2) with its capabilities (RFC 5492; extended parameters of RFC 9072). */
public record BgpOpen(int version, int myAs, int holdTime, IpAddress bgpId, List<Capability> capabilities) {

    private static final int PARAM_CAPABILITIES = 2;
    private static final int EXTENDED_PARAMETERS = 255;

    public BgpOpen {
        capabilities = List.copyOf(capabilities);
    }

    /** Decodes a whole BGP message (header included) that must be an OPEN. */
    public static BgpOpen decodeMessage(ByteBuf message, String what) {
        ByteBuf body = BgpMessageHeader.readBody(message, BgpMessageHeader.OPEN, what);
        int version = Wire.u8(body, what + " version");
        int myAs = Wire.u16(body, what + " my AS");
        int holdTime = Wire.u16(body, what + " hold time");
        IpAddress bgpId = IpAddress.readV4(body, what + " BGP identifier");
        int paramsLength = Wire.u8(body, what + " optional parameters length");
        boolean extended = false;
        // RFC 9072 §2: a non-extended length of 255 followed by parameter type 255 announces 2-byte lengths.
        if (paramsLength == EXTENDED_PARAMETERS && body.isReadable()
                && body.getUnsignedByte(body.readerIndex()) == EXTENDED_PARAMETERS) {
            body.skipBytes(1);
            paramsLength = Wire.u16(body, what + " extended optional parameters length");
            extended = true;
        }
        ByteBuf params = Wire.slice(body, paramsLength, what + " optional parameters");
        Wire.expectEnd(body, what);
        List<Capability> capabilities = new ArrayList<>();
        while (params.isReadable()) {
            int type = Wire.u8(params, what + " parameter type");
            int length = extended ? Wire.u16(params, what + " parameter length") : Wire.u8(params, what + " parameter length");
            ByteBuf value = Wire.slice(params, length, what + " parameter " + type);
            if (type == PARAM_CAPABILITIES) {
                readCapabilities(value, capabilities, what);
            }
        }
        return new BgpOpen(version, myAs, holdTime, bgpId, capabilities);
    }

    private static void readCapabilities(ByteBuf value, List<Capability> out, String what) {
        while (value.isReadable()) {
            int code = Wire.u8(value, what + " capability code");
            int length = Wire.u8(value, what + " capability length");
            ByteBuf cap = Wire.slice(value, length, what + " capability " + code);
            out.add(switch (code) {
                case Capability.MULTIPROTOCOL -> {
                    exactly(cap, 4, what + " multiprotocol capability");
                    int afi = cap.readUnsignedShort();
                    cap.skipBytes(1);
                    yield new Capability.Multiprotocol(new AfiSafi(afi, cap.readUnsignedByte()));
                }
                case Capability.FOUR_OCTET_AS -> new Capability.FourOctetAs(
                        exactly(cap, 4, what + " 4-octet AS capability").readUnsignedInt());
                case Capability.ADD_PATH -> addPath(cap, what);
                default -> new Capability.Raw(code, Wire.octets(cap, cap.readableBytes(), "capability " + code));
            });
        }
    }

    private static Capability.AddPath addPath(ByteBuf cap, String what) {
        if (cap.readableBytes() % 4 != 0) {
            throw new DecodeException(what + " ADD-PATH capability: length " + cap.readableBytes()
                    + " is not a multiple of 4");
        }
        List<Capability.AddPath.Family> families = new ArrayList<>();
        while (cap.isReadable()) {
            AfiSafi afiSafi = new AfiSafi(cap.readUnsignedShort(), cap.readUnsignedByte());
            families.add(new Capability.AddPath.Family(afiSafi, cap.readUnsignedByte()));
        }
        return new Capability.AddPath(families);
    }

    private static ByteBuf exactly(ByteBuf value, int length, String what) {
        if (value.readableBytes() != length) {
            throw new DecodeException(what + ": length must be " + length + ", is " + value.readableBytes());
        }
        return value;
    }

    public Optional<Capability.FourOctetAs> fourOctetAs() {
        return capabilities.stream().filter(Capability.FourOctetAs.class::isInstance)
                .map(Capability.FourOctetAs.class::cast).findFirst();
    }

    /** The speaker's AS: the 4-octet capability's when present (RFC 6793 §3), else My Autonomous System. */
    public long asn() {
        return fourOctetAs().map(Capability.FourOctetAs::asn).orElse((long) myAs);
    }

    public Set<AfiSafi> multiprotocolFamilies() {
        Set<AfiSafi> out = new HashSet<>();
        for (Capability c : capabilities) {
            if (c instanceof Capability.Multiprotocol mp) {
                out.add(mp.afiSafi());
            }
        }
        return out;
    }

    /** Families for which this speaker advertised it can send ({@code send}) or receive path ids. */
    public Set<AfiSafi> addPathFamilies(boolean send) {
        Set<AfiSafi> out = new HashSet<>();
        for (Capability c : capabilities) {
            if (c instanceof Capability.AddPath ap) {
                for (Capability.AddPath.Family f : ap.families()) {
                    if (send ? f.canSend() : f.canReceive()) {
                        out.add(f.afiSafi());
                    }
                }
            }
        }
        return out;
    }
}
