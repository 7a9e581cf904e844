package io.openpe.route.bmp;

/**
 * How BMP frames are delimited on the TCP stream (RFC 7854 §4.1): version (1), message length (4, counting the whole
 * message, header included), type (1). These are the parameters of Netty's LengthFieldBasedFrameDecoder, which the
 * session edge puts in front of {@link BmpSessionDecoder} (STYLE rule 11).
 */
public final class BmpFraming {

    public static final int VERSION = 3;
    public static final int COMMON_HEADER_LENGTH = 6;
    public static final int LENGTH_FIELD_OFFSET = 1;
    public static final int LENGTH_FIELD_LENGTH = 4;
    /** The length field counts the 5 bytes up to and including itself, which the frame decoder already read. */
    public static final int LENGTH_ADJUSTMENT = -5;
    public static final int INITIAL_BYTES_TO_STRIP = 0;
    /**
     * The largest frame accepted: a Peer Up holds two OPENs of at most 65535 bytes each (RFC 8654 extended messages)
     * plus headers and information TLVs, and a Route Monitoring one UPDATE of at most 65535 bytes. 256 KiB covers both
     * with room for TLVs; anything longer is a framing error that ends the session.
     */
    public static final int MAX_FRAME_LENGTH = 256 * 1024;

    private BmpFraming() {
    }
}
