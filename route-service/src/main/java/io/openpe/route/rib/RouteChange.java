package io.openpe.route.rib;

import io.openpe.route.bgp.NlriKey;

/** What a RIB operation changed, as a value to publish (STYLE rule 5). */
public sealed interface RouteChange {

    PeerView peerView();

    /** The route's identity in its peer view. */
    NlriKey key();

    record Added(PeerView peerView, RibRoute route) implements RouteChange {
        @Override
        public NlriKey key() {
            return route.nlri().key();
        }
    }

    record Replaced(PeerView peerView, RibRoute previous, RibRoute route) implements RouteChange {
        @Override
        public NlriKey key() {
            return route.nlri().key();
        }
    }

    record Withdrawn(PeerView peerView, RibRoute previous) implements RouteChange {
        @Override
        public NlriKey key() {
            return previous.nlri().key();
        }
    }
}
