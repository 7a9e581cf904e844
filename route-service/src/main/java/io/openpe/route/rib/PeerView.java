package io.openpe.route.rib;

import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.RibView;

/** One peer's routes in one RIB view (pre/post policy, Adj-RIB-In/Out, Loc-RIB): the unit a RIB table is kept per. */
public record PeerView(PeerKey peer, RibView view) {
}
