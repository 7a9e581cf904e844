package io.openpe.route.rib;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.PathAttributes;
import java.util.Arrays;

/**
 * A route as the RIB holds it: the {@link CompactNlri} bytes with the hash of their key, the interned shared
 * attributes and the route's own MAC mobility community; 32 bytes plus the array. Its equality is the route's identity
 * (equal keys), so a table of them is keyed by the routes themselves; {@link #sameRoute} compares everything.
 */
final class StoredRoute {

    private final byte[] nlri;
    private final int keyHash;
    private final SharedAttributes shared;
    private final long mobility;

    private StoredRoute(byte[] nlri, SharedAttributes shared, long mobility) {
        this.nlri = nlri;
        this.keyHash = CompactNlri.keyHash(nlri);
        this.shared = shared;
        this.mobility = mobility;
    }

    static StoredRoute of(Nlri nlri, SharedAttributes shared, long mobility) {
        return new StoredRoute(CompactNlri.encode(nlri), shared, mobility);
    }

    /** A stand-in with only an identity, to look up or remove the stored route with the same key. */
    static StoredRoute keyOf(byte[] compactNlri) {
        return new StoredRoute(compactNlri, null, SharedAttributes.NO_MOBILITY);
    }

    AfiSafi afiSafi() {
        return CompactNlri.afiSafi(nlri);
    }

    /** Same key, same NLRI bytes, same attributes (interned, so the same instance) and the same mobility community. */
    boolean sameRoute(StoredRoute other) {
        return shared == other.shared && mobility == other.mobility && Arrays.equals(nlri, other.nlri);
    }

    /** The typed route, decoded from the stored form. */
    RibRoute toRibRoute() {
        Nlri typed = CompactNlri.decode(nlri);
        PathAttributes attributes = shared.join(mobility);
        return new RibRoute(typed, attributes.nextHop(typed.afiSafi()).orElse(null), attributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRoute r && r.keyHash == keyHash && CompactNlri.sameKey(nlri, r.nlri);
    }

    @Override
    public int hashCode() {
        return keyHash;
    }
}
