package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/** Decodes UPDATE messages (RFC 4271 §4.3) under a {@link DecodingContext}; NLRI go to the {@link NlriDecoders}. */
public final class UpdateDecoder {

    private static final int FLAG_EXTENDED_LENGTH = 0x10;

    private final NlriDecoders nlriDecoders;

    public UpdateDecoder(NlriDecoders nlriDecoders) {
        this.nlriDecoders = nlriDecoders;
    }

    /** Decodes a whole BGP message (header included) that must be an UPDATE. */
    public BgpUpdate decodeMessage(ByteBuf message, DecodingContext context) {
        return decodeBody(BgpMessageHeader.readBody(message, BgpMessageHeader.UPDATE, "UPDATE"), context);
    }

    /** Decodes an UPDATE body (after the 19-byte header); every byte must be accounted for. */
    public BgpUpdate decodeBody(ByteBuf body, DecodingContext context) {
        int withdrawnLength = Wire.u16(body, "UPDATE withdrawn routes length");
        ByteBuf withdrawnField = Wire.slice(body, withdrawnLength, "UPDATE withdrawn routes");
        int attributesLength = Wire.u16(body, "UPDATE total path attribute length");
        ByteBuf attributesField = Wire.slice(body, attributesLength, "UPDATE path attributes");
        List<Nlri> withdrawn = List.of();
        if (withdrawnField.isReadable()) {
            withdrawn = new ArrayList<>();
            nlriDecoders.decode(withdrawnField, AfiSafi.IPV4_UNICAST, context.addPath(AfiSafi.IPV4_UNICAST), withdrawn);
        }
        PathAttributes attributes = attributesField.isReadable()
                ? readAttributes(attributesField, context)
                : PathAttributes.NONE;
        List<Nlri> nlri = List.of();
        if (body.isReadable()) {
            nlri = new ArrayList<>();
            nlriDecoders.decode(body, AfiSafi.IPV4_UNICAST, context.addPath(AfiSafi.IPV4_UNICAST), nlri);
        }
        return new BgpUpdate(withdrawn, attributes, nlri);
    }

    private PathAttributes readAttributes(ByteBuf field, DecodingContext context) {
        List<PathAttribute> all = new ArrayList<>(8);
        while (field.isReadable()) {
            int flags = Wire.u8(field, "path attribute flags");
            int type = Wire.u8(field, "path attribute type");
            int length = (flags & FLAG_EXTENDED_LENGTH) != 0
                    ? Wire.u16(field, "path attribute ", type, " extended length")
                    : Wire.u8(field, "path attribute ", type, " length");
            ByteBuf value = Wire.slice(field, length, "path attribute ", type, " value");
            all.add(readAttribute(flags, type, value, context));
        }
        return new PathAttributes(all);
    }

    private PathAttribute readAttribute(int flags, int type, ByteBuf value, DecodingContext context) {
        PathAttribute attribute = switch (type) {
            case PathAttribute.ORIGIN -> new Origin(exactly(value, 1, "ORIGIN").readUnsignedByte());
            case PathAttribute.AS_PATH -> new AsPath(AsPath.readSegments(value, context.fourByteAsn(), "AS_PATH"));
            case PathAttribute.AS4_PATH -> new As4Path(AsPath.readSegments(value, true, "AS4_PATH"));
            case PathAttribute.NEXT_HOP -> new NextHop(IpAddress.readV4(exactly(value, 4, "NEXT_HOP"), "NEXT_HOP"));
            case PathAttribute.MULTI_EXIT_DISC -> new MultiExitDisc(exactly(value, 4, "MULTI_EXIT_DISC").readUnsignedInt());
            case PathAttribute.LOCAL_PREF -> new LocalPref(exactly(value, 4, "LOCAL_PREF").readUnsignedInt());
            case PathAttribute.COMMUNITIES -> communities(value);
            case PathAttribute.EXTENDED_COMMUNITIES -> extendedCommunities(value);
            case PathAttribute.MP_REACH_NLRI -> mpReach(value, context);
            case PathAttribute.MP_UNREACH_NLRI -> mpUnreach(value, context);
            case PathAttribute.PMSI_TUNNEL -> pmsiTunnel(value);
            default -> new RawAttribute(flags, type, Wire.octets(value, value.readableBytes(), "attribute " + type));
        };
        if (value.isReadable()) {
            Wire.expectEnd(value, "path attribute " + type);
        }
        return attribute;
    }

    private static ByteBuf exactly(ByteBuf value, int length, String what) {
        if (value.readableBytes() != length) {
            throw new DecodeException(what + ": length must be " + length + ", is " + value.readableBytes());
        }
        return value;
    }

    private static Communities communities(ByteBuf value) {
        if (value.readableBytes() % 4 != 0) {
            throw new DecodeException("COMMUNITIES: length " + value.readableBytes() + " is not a multiple of 4");
        }
        List<Long> values = new ArrayList<>(value.readableBytes() / 4);
        while (value.isReadable()) {
            values.add(value.readUnsignedInt());
        }
        return new Communities(values);
    }

    private static ExtendedCommunities extendedCommunities(ByteBuf value) {
        if (value.readableBytes() % 8 != 0) {
            throw new DecodeException(
                    "EXTENDED_COMMUNITIES: length " + value.readableBytes() + " is not a multiple of 8");
        }
        List<ExtendedCommunity> values = new ArrayList<>(value.readableBytes() / 8);
        while (value.isReadable()) {
            values.add(ExtendedCommunity.of(value.readLong()));
        }
        return new ExtendedCommunities(values);
    }

    /** RFC 4760 §3: AFI, SAFI, next hop length and address(es), one reserved byte, NLRI. */
    private MpReach mpReach(ByteBuf value, DecodingContext context) {
        AfiSafi afiSafi = new AfiSafi(Wire.u16(value, "MP_REACH_NLRI AFI"), Wire.u8(value, "MP_REACH_NLRI SAFI"));
        int nextHopLength = Wire.u8(value, "MP_REACH_NLRI next hop length");
        ByteBuf nextHopField = Wire.slice(value, nextHopLength, "MP_REACH_NLRI next hop");
        IpAddress nextHop;
        IpAddress linkLocal = null;
        switch (nextHopLength) {
            case 4 -> nextHop = IpAddress.readV4(nextHopField, "MP_REACH_NLRI next hop");
            case 16 -> nextHop = IpAddress.readV6(nextHopField, "MP_REACH_NLRI next hop");
            case 32 -> {
                nextHop = IpAddress.readV6(nextHopField, "MP_REACH_NLRI next hop");
                linkLocal = IpAddress.readV6(nextHopField, "MP_REACH_NLRI link-local next hop");
            }
            default -> throw new DecodeException(
                    "MP_REACH_NLRI " + afiSafi + ": next hop length " + nextHopLength + " is not 4, 16 or 32");
        }
        Wire.skip(value, 1, "MP_REACH_NLRI reserved byte");
        List<Nlri> nlri = new ArrayList<>();
        nlriDecoders.decode(value, afiSafi, context.addPath(afiSafi), nlri);
        return new MpReach(afiSafi, nextHop, linkLocal, nlri);
    }

    /** RFC 4760 §4: AFI, SAFI, withdrawn routes. */
    private MpUnreach mpUnreach(ByteBuf value, DecodingContext context) {
        AfiSafi afiSafi = new AfiSafi(Wire.u16(value, "MP_UNREACH_NLRI AFI"), Wire.u8(value, "MP_UNREACH_NLRI SAFI"));
        List<Nlri> withdrawn = new ArrayList<>();
        nlriDecoders.decode(value, afiSafi, context.addPath(afiSafi), withdrawn);
        return new MpUnreach(afiSafi, withdrawn);
    }

    /** RFC 6514 §5: flags, tunnel type, 3-byte label, tunnel identifier (the rest). */
    private static PmsiTunnel pmsiTunnel(ByteBuf value) {
        int flags = Wire.u8(value, "PMSI_TUNNEL flags");
        int tunnelType = Wire.u8(value, "PMSI_TUNNEL tunnel type");
        Label label = Label.read(value, "PMSI_TUNNEL label");
        return new PmsiTunnel(flags, tunnelType, label,
                Wire.octets(value, value.readableBytes(), "PMSI_TUNNEL tunnel identifier"));
    }
}
