package io.openpe.route.bmp;

import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.RouteDistinguisher;

/** Identifies a monitored peer within one BMP session: peer type, distinguisher and address (RFC 7854 §4.2). */
public record PeerKey(int peerType, RouteDistinguisher distinguisher, IpAddress address) {

    @Override
    public String toString() {
        return distinguisher.raw() == 0 ? address.toString() : distinguisher + "/" + address;
    }
}
