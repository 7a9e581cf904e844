package io.openpe.route.bgp;

/** ORIGIN (RFC 4271 §5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE. Other values are kept as sent. */
public record Origin(int value) implements PathAttribute {

    @Override
    public int typeCode() {
        return ORIGIN;
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0 -> "igp";
            case 1 -> "egp";
            case 2 -> "incomplete";
            default -> "origin(" + value + ")";
        };
    }
}
