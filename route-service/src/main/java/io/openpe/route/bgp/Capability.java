package io.openpe.route.bgp;

import io.openpe.route.wire.Octets;
import java.util.List;

/** A capability advertised in an OPEN (RFC 5492). The three that change UPDATE decoding are typed. */
public sealed interface Capability {

    int MULTIPROTOCOL = 1;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;

    int code();

    /** RFC 4760 §8: AFI (2), reserved (1), SAFI (1). */
    record Multiprotocol(AfiSafi afiSafi) implements Capability {
        @Override
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** RFC 6793 §3: the speaker's 4-byte AS number. */
    record FourOctetAs(long asn) implements Capability {
        @Override
        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /** RFC 7911 §4: per AFI/SAFI, whether the speaker can receive (1), send (2) or both (3). */
    record AddPath(List<Family> families) implements Capability {
        public static final int RECEIVE = 1;
        public static final int SEND = 2;
        public static final int BOTH = 3;

        public AddPath {
            families = List.copyOf(families);
        }

        @Override
        public int code() {
            return ADD_PATH;
        }

        public record Family(AfiSafi afiSafi, int sendReceive) {
            public boolean canSend() {
                return (sendReceive & SEND) != 0;
            }

            public boolean canReceive() {
                return (sendReceive & RECEIVE) != 0;
            }
        }
    }

    /** Any other capability, kept as sent. */
    record Raw(int code, Octets value) implements Capability {
    }
}
