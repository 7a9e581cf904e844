package io.openpe.route.evpn;

/**
 * Hand-encoded EVPN NLRI from RFC 7432 §7 and RFC 9136 §3.1, shared by the per-type tests and the truncation sweep.
 * Each is route type (1), length (1), value.
 */
final class EvpnVectors {

    private EvpnVectors() {
    }

    /** RD type 1 "10.0.0.1:2" as FRR auto-derives it (router id : EVI index). */
    static final String RD = "0001 0a000001 0002";

    static final String[] TYPE1 = {
            "01", "19",                      // type 1, length 25
            RD,                              // RD 10.0.0.1:2
            "00 112233445566778899",         // ESI type 0, value 11:22:...:99
            "00000000",                      // Ethernet tag 0
            "000064"};                       // label field: VNI 100

    static final String[] TYPE2_MAC_ONLY = {
            "02", "21",                      // type 2, length 33
            RD,
            "00000000000000000000",          // ESI 0 (single-homed)
            "00000000",                      // Ethernet tag 0
            "30", "aabbccddeeff",            // MAC length 48, MAC aa:bb:cc:dd:ee:ff
            "00",                            // IP length 0: no IP
            "000064"};                       // label 1: VNI 100

    static final String[] TYPE2_IPV4_ONE_LABEL = {
            "02", "25",                      // type 2, length 37
            RD,
            "00000000000000000000",
            "00000000",
            "30", "aabbccddeeff",
            "20", "0a010105",                // IP length 32, 10.1.1.5
            "000064"};                       // label 1: VNI 100

    static final String[] TYPE2_IPV4_TWO_LABELS = {
            "02", "28",                      // type 2, length 40
            RD,
            "00000000000000000000",
            "00000000",
            "30", "aabbccddeeff",
            "20", "0a010105",
            "000064",                        // label 1: L2 VNI 100
            "0000c8"};                       // label 2: L3 VNI 200 (symmetric IRB)

    static final String[] TYPE2_IPV6_ONE_LABEL = {
            "02", "31",                      // type 2, length 49
            RD,
            "00000000000000000000",
            "00000000",
            "30", "aabbccddeeff",
            "80", "fd000000000000000000000000000005", // IP length 128, fd00::5
            "000064"};

    static final String[] TYPE2_IPV6_TWO_LABELS = {
            "02", "34",                      // type 2, length 52
            RD,
            "00000000000000000000",
            "00000000",
            "30", "aabbccddeeff",
            "80", "fd000000000000000000000000000005",
            "000064",
            "0000c8"};

    static final String[] TYPE3_IPV4 = {
            "03", "11",                      // type 3, length 17
            RD,
            "00000000",                      // Ethernet tag 0
            "20", "c0a80a01"};               // IP length 32, originator 192.168.10.1 (the VTEP)

    static final String[] TYPE3_IPV6 = {
            "03", "1d",                      // type 3, length 29
            RD,
            "00000000",
            "80", "20010db8000000000000000000000001"}; // originator 2001:db8::1

    static final String[] TYPE4_IPV4 = {
            "04", "17",                      // type 4, length 23
            RD,
            "01 aabbccddeeff 000102",        // ESI type 1 (LACP-based), 9-byte value
            "20", "c0a80a01"};               // originator 192.168.10.1

    static final String[] TYPE4_IPV6 = {
            "04", "23",                      // type 4, length 35
            RD,
            "01 aabbccddeeff 000102",
            "80", "20010db8000000000000000000000001"};

    static final String[] TYPE5_IPV4 = {
            "05", "22",                      // type 5, length 34
            RD,
            "00000000000000000000",          // ESI 0
            "00000000",                      // Ethernet tag 0
            "18",                            // prefix length 24
            "0a640000",                      // prefix 10.100.0.0
            "00000000",                      // gateway 0.0.0.0 (none, RFC 9136 §3.1)
            "0000c8"};                       // label: L3 VNI 200

    static final String[] TYPE5_IPV6 = {
            "05", "3a",                      // type 5, length 58
            RD,
            "00000000000000000000",
            "00000000",
            "40",                            // prefix length 64
            "fd000064000000000000000000000000", // prefix fd00:64::
            "00000000000000000000000000000000", // gateway ::
            "0000c8"};
}
