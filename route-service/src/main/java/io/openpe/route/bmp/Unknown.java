package io.openpe.route.bmp;

import io.openpe.route.wire.Octets;

/** A message type this decoder does not know; RFC 7854 §4.1 says to ignore it, so it is kept raw and counted. */
public record Unknown(int type, Octets body) implements BmpMessage {
}
