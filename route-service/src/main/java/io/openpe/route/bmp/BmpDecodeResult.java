package io.openpe.route.bmp;

/** The outcome of decoding one frame: a message, or a reason it could not be decoded (STYLE rule 14). */
public sealed interface BmpDecodeResult {

    record Decoded(BmpMessage message) implements BmpDecodeResult {
    }

    /**
     * The frame was malformed.
     *
     * @param messageType the common header type, -1 if the header itself was unreadable
     * @param fatal       the framing is broken (wrong version or length), so the session must end; otherwise only
     *                    this message is lost and the session goes on
     */
    record Malformed(int messageType, String reason, boolean fatal) implements BmpDecodeResult {
    }
}
