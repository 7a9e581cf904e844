package io.openpe.route.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A prebuilt stream of BMP Route Monitoring frames shaped like FRR 8.4's EVPN output: per-peer header, UPDATE with
 * ORIGIN, AS_PATH, EXTENDED_COMMUNITIES (route targets, VXLAN encapsulation, router MAC or MAC mobility) and
 * MP_REACH_NLRI. Type-2 messages carry one route each (FRR sends each MAC in its own UPDATE because the mobility
 * attributes differ), alternating MAC-only and MAC+IPv4 with two labels; every fifth message is a type-5 UPDATE
 * carrying four IPv4 prefixes that share attributes.
 */
final class EvpnStream {

    final List<ByteBuf> frames = new ArrayList<>();
    int nlri;

    EvpnStream(int messages) {
        for (int i = 0; i < messages; i++) {
            frames.add(frame(i));
            nlri += routesIn(i);
        }
    }

    /** How many NLRI message {@code i} carries. */
    static int routesIn(int i) {
        return i % 5 == 4 ? 4 : 1;
    }

    /** Message {@code i} of the stream, built on its own (for streams too large to hold). */
    static ByteBuf frame(int i) {
        ByteBuf update = Unpooled.buffer(256);
        writeUpdate(update, i, routesIn(i), i % 5 == 4);
        ByteBuf frame = Unpooled.buffer(6 + 42 + update.readableBytes());
        frame.writeByte(3).writeInt(6 + 42 + update.readableBytes()).writeByte(0);
        frame.writeByte(0).writeByte(0x40).writeLong(0);          // global peer, post-policy, distinguisher 0
        frame.writeZero(12).writeInt(0xc0a80002);                 // peer 192.168.0.2
        frame.writeInt(65001).writeInt(0xc0a80002).writeInt(1_700_000_000 + i).writeInt(0);
        frame.writeBytes(update);
        return frame;
    }

    private static void writeUpdate(ByteBuf out, int i, int routes, boolean type5) {
        ByteBuf attrs = Unpooled.buffer(200);
        attrs.writeByte(0x40).writeByte(1).writeByte(1).writeByte(0);                         // ORIGIN IGP
        attrs.writeByte(0x50).writeByte(2).writeShort(10)
                .writeByte(2).writeByte(2).writeInt(65001).writeInt(65000);                 // AS_PATH 65001 65000
        int communities = 3;
        attrs.writeByte(0xc0).writeByte(16).writeByte(8 * communities);
        attrs.writeLong(0x0002_fde9_0000_0000L | (type5 ? 200 : 100 + i % 50));             // RT 65001:VNI
        attrs.writeLong(0x030c_0000_0000_0008L);                                            // VXLAN
        attrs.writeLong(type5 ? 0x0603_0242_ac11_0002L : 0x0600_0000_0000_0000L | i);       // router MAC / mobility
        ByteBuf nlri = Unpooled.buffer(200);
        for (int r = 0; r < routes; r++) {
            if (type5) {
                nlri.writeByte(5).writeByte(34);
                nlri.writeShort(1).writeInt(0xc0a80002).writeShort(3);                     // RD 192.168.0.2:3
                nlri.writeZero(10).writeInt(0);                                             // ESI, tag
                nlri.writeByte(24).writeInt(0x0a000000 | (i * 4 + r) << 8);                 // 10.x.y.0/24
                nlri.writeInt(0).writeMedium(0);                                            // gateway, label 0
            } else if (i % 2 == 0) {
                nlri.writeByte(2).writeByte(33);
                nlri.writeShort(1).writeInt(0xc0a80002).writeShort(2);                     // RD 192.168.0.2:2
                nlri.writeZero(10).writeInt(0).writeByte(48).writeShort(0xaabb).writeInt(i); // MAC aa:bb:<i>
                nlri.writeByte(0).writeMedium(0);                                           // no IP, label 0
            } else {
                nlri.writeByte(2).writeByte(40);
                nlri.writeShort(1).writeInt(0xc0a80002).writeShort(2);
                nlri.writeZero(10).writeInt(0).writeByte(48).writeShort(0xaabb).writeInt(i);
                nlri.writeByte(32).writeInt(0x0a010000 | (i & 0xffff));                    // 10.1.x.y
                nlri.writeMedium(0).writeMedium(0);                                         // two labels
            }
        }
        int mpLength = 2 + 1 + 1 + 4 + 1 + nlri.readableBytes();
        attrs.writeByte(0x90).writeByte(14).writeShort(mpLength);
        attrs.writeShort(25).writeByte(70).writeByte(4).writeInt(0xc0a80002).writeByte(0).writeBytes(nlri);
        int length = 19 + 2 + 2 + attrs.readableBytes();
        out.writeLong(-1L).writeLong(-1L).writeShort(length).writeByte(2);
        out.writeShort(0).writeShort(attrs.readableBytes()).writeBytes(attrs);
    }
}
