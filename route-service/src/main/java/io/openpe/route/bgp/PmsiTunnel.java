package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.Octets;
import java.util.Optional;

/**
 * PMSI_TUNNEL (RFC 6514 §5): flags, tunnel type, 3-byte label field, tunnel identifier. EVPN type-3 routes use
 * ingress replication (type 6) whose identifier is the VTEP address, and put the VNI in the label field
 * (RFC 8365 §5.1.3).
 */
public record PmsiTunnel(int flags, int tunnelType, Label label, Octets tunnelIdentifier) implements PathAttribute {

    public static final int INGRESS_REPLICATION = 6;

    @Override
    public int typeCode() {
        return PMSI_TUNNEL;
    }

    /** The tunnel identifier as an address when it is 4 or 16 bytes long (ingress replication endpoint). */
    public Optional<IpAddress> endpoint() {
        int n = tunnelIdentifier.length();
        if (n != 4 && n != 16) {
            return Optional.empty();
        }
        return Optional.of(IpAddress.read(io.netty.buffer.Unpooled.wrappedBuffer(tunnelIdentifier.toByteArray()), n,
                "PMSI tunnel endpoint"));
    }
}
