package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;

/**
 * One 8-byte extended community (RFC 4360 §2): type, subtype, 6-byte value. The kinds EVPN over VXLAN relies on are
 * typed; everything else stays {@link Raw}.
 */
public sealed interface ExtendedCommunity {

    /** The eight bytes as sent. */
    long raw();

    /** Types the 8 bytes, or keeps them raw. */
    static ExtendedCommunity of(long raw) {
        int type = (int) (raw >>> 56) & 0xff;
        int subtype = (int) (raw >>> 48) & 0xff;
        return switch (type) {
            // RFC 4360 §4 (2-byte AS), §4 (IPv4), RFC 5668 §3 (4-byte AS): subtype 0x02 is the route target.
            case 0x00, 0x01, 0x02 -> subtype == 0x02 ? new RouteTarget(raw) : new Raw(raw);
            case 0x03 -> switch (subtype) {
                // RFC 9012 §4.1: 4 reserved bytes then the 2-byte tunnel type.
                case 0x0c -> new Encapsulation(raw);
                // RFC 7432 §7.8: default gateway, value all zero (the value is kept in raw regardless).
                case 0x0d -> new DefaultGateway(raw);
                default -> new Raw(raw);
            };
            case 0x06 -> switch (subtype) {
                case 0x00 -> new MacMobility(raw);
                case 0x01 -> new EsiLabel(raw);
                case 0x03 -> new RouterMac(raw);
                default -> new Raw(raw);
            };
            default -> new Raw(raw);
        };
    }

    /** Route target (subtype 0x02) of type 0x00 "ASN2:NN32", 0x01 "IPv4:NN16" or 0x02 "ASN4:NN16". */
    record RouteTarget(long raw) implements ExtendedCommunity {
        public int type() {
            return (int) (raw >>> 56) & 0xff;
        }

        /** The global administrator: an AS number or an IPv4 address as an unsigned number. */
        public long globalAdministrator() {
            return type() == 0x00 ? (raw >>> 32) & 0xffff : (raw >>> 16) & 0xffffffffL;
        }

        /** The local administrator: 32 bits for type 0x00, 16 bits otherwise. */
        public long localAdministrator() {
            return type() == 0x00 ? raw & 0xffffffffL : raw & 0xffff;
        }

        @Override
        public String toString() {
            String global = type() == 0x01
                    ? IpAddress.v4((int) globalAdministrator()).toString()
                    : Long.toString(globalAdministrator());
            return global + ":" + localAdministrator();
        }
    }

    /** Encapsulation (RFC 9012 §4.1; RFC 8365 §5.1.3 uses tunnel type 8 for VXLAN). */
    record Encapsulation(long raw) implements ExtendedCommunity {
        public static final int VXLAN = 8;
        public static final int NVGRE = 9;
        public static final int MPLS = 10;
        public static final int MPLS_IN_GRE = 11;
        public static final int VXLAN_GPE = 12;
        public static final int GENEVE = 6;

        public int tunnelType() {
            return (int) raw & 0xffff;
        }
    }

    /** Default gateway (RFC 7432 §7.8): the MAC/IP route is the gateway's. */
    record DefaultGateway(long raw) implements ExtendedCommunity {
    }

    /** MAC mobility (RFC 7432 §7.7): flags (bit 0x01 = sticky/static), reserved, 4-byte sequence number. */
    record MacMobility(long raw) implements ExtendedCommunity {
        public boolean sticky() {
            return ((raw >>> 40) & 0x01) != 0;
        }

        public long sequence() {
            return raw & 0xffffffffL;
        }
    }

    /** ESI label (RFC 7432 §7.5): flags (bit 0x01 = single-active), 2 reserved bytes, 3-byte label field. */
    record EsiLabel(long raw) implements ExtendedCommunity {
        public boolean singleActive() {
            return ((raw >>> 40) & 0x01) != 0;
        }

        public Label label() {
            return Label.of((int) (raw & 0xffffff));
        }
    }

    /** Router's MAC (RFC 9135 §8.1): the MAC of the advertising VTEP for symmetric IRB. */
    record RouterMac(long raw) implements ExtendedCommunity {
        public MacAddress mac() {
            return new MacAddress(raw & 0xffff_ffff_ffffL);
        }
    }

    /** Any other extended community, kept as the 8 bytes sent. */
    record Raw(long raw) implements ExtendedCommunity {
        public int type() {
            return (int) (raw >>> 56) & 0xff;
        }

        public int subtype() {
            return (int) (raw >>> 48) & 0xff;
        }
    }
}
