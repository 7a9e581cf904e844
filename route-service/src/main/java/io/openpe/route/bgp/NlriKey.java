package io.openpe.route.bgp;

/** The identity of a route within one peer's RIB view; value-comparable. */
public interface NlriKey {

    /** Stable text form, e.g. "l2vpn-evpn/10.0.0.1:2/2/0/aa:bb:cc:dd:ee:ff/10.1.1.1" or with "#7" for path id 7. */
    String text();

    /** Appends "#pathId" when a path id is present. */
    static String withPathId(String text, long pathId) {
        return pathId == Nlri.NO_PATH_ID ? text : text + "#" + pathId;
    }
}
