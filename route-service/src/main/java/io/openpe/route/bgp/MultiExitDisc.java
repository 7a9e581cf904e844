package io.openpe.route.bgp;

/** MULTI_EXIT_DISC (RFC 4271 §5.1.4), unsigned 32 bits. */
public record MultiExitDisc(long value) implements PathAttribute {

    @Override
    public int typeCode() {
        return MULTI_EXIT_DISC;
    }
}
