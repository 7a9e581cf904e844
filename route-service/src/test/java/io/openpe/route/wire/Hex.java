package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Test bytes written as hex, one commented field per argument; spaces are ignored. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String... fields) {
        StringBuilder all = new StringBuilder();
        for (String f : fields) {
            all.append(f.replace(" ", ""));
        }
        return HexFormat.of().parseHex(all);
    }

    public static ByteBuf buf(String... fields) {
        return Unpooled.wrappedBuffer(bytes(fields));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
