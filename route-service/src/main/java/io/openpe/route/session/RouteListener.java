package io.openpe.route.session;

import io.openpe.route.publish.RecentChanges;
import java.util.List;

/**
 * Told about every published route change, in each router's order, while that router's state is locked: it must not
 * block.
 */
@FunctionalInterface
public interface RouteListener {

    /** The openpe.evpn-routes records of one RIB operation, numbered (a null value is a withdrawal). */
    void onRecords(List<RecentChanges.Sequenced> records);
}
