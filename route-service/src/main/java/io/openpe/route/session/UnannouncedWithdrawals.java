package io.openpe.route.session;

import io.openpe.route.bgp.Nlri;
import io.openpe.route.bmp.RibView;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.rib.AdjRibIn;
import io.openpe.route.rib.PeerView;

/**
 * The withdrawals of one pre-policy Route Monitoring message that withdraw a route its view does not hold
 * ({@code count}), and how many of those the same peer's post-policy view holds ({@code heldPostPolicy}): the sign of
 * an FRR 8.4 router without {@code soft-reconfiguration inbound} (DESIGN.md). Other views count nothing.
 */
record UnannouncedWithdrawals(int count, int heldPostPolicy) {

    static final UnannouncedWithdrawals NONE = new UnannouncedWithdrawals(0, 0);

    /** Looks at {@code message} before it is applied to {@code rib}. */
    static UnannouncedWithdrawals of(AdjRibIn rib, RouteMonitoring message) {
        if (message.peer().view() != RibView.ADJ_RIB_IN_PRE_POLICY || message.update().withdrawn().isEmpty()) {
            return NONE;
        }
        PeerView pre = new PeerView(message.peer().key(), RibView.ADJ_RIB_IN_PRE_POLICY);
        PeerView post = new PeerView(message.peer().key(), RibView.ADJ_RIB_IN_POST_POLICY);
        int count = 0;
        int held = 0;
        for (Nlri nlri : message.update().withdrawn()) {
            if (rib.route(pre, nlri.key()).isEmpty()) {
                count++;
                if (rib.route(post, nlri.key()).isPresent()) {
                    held++;
                }
            }
        }
        return count == 0 ? NONE : new UnannouncedWithdrawals(count, held);
    }
}
