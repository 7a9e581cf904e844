package io.openpe.route.bgp;

/** One path attribute of an UPDATE (RFC 4271 §4.3, §5). Types we do not model are kept as {@link RawAttribute}. */
public sealed interface PathAttribute
        permits Origin, AsPath, As4Path, NextHop, MultiExitDisc, LocalPref, Communities, ExtendedCommunities,
        MpReach, MpUnreach, PmsiTunnel, RawAttribute {

    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int COMMUNITIES = 8;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int PMSI_TUNNEL = 22;

    /** The attribute type code. */
    int typeCode();
}
