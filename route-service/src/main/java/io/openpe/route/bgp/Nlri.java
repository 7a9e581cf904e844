package io.openpe.route.bgp;

/**
 * One route in an NLRI field (announced or withdrawn). Implemented by {@link IpUnicastRoute}, {@link UnknownNlri}
 * and the EVPN routes of {@code io.openpe.route.evpn}.
 */
public interface Nlri {

    /** Path id value when the session did not negotiate ADD-PATH for this family. */
    long NO_PATH_ID = -1;

    AfiSafi afiSafi();

    /** RFC 7911 path identifier (unsigned 32 bits), or {@link #NO_PATH_ID}. */
    long pathId();

    /**
     * The fields BGP uses to tell routes apart (for EVPN, RFC 7432 §7 per route type), plus the path id under
     * ADD-PATH. Two NLRI with equal keys are the same route, whatever their other fields.
     */
    NlriKey key();
}
