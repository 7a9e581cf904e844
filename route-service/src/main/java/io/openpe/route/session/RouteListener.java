package io.openpe.route.session;

import io.openpe.route.publish.Outbound;
import java.util.List;

/**
 * Told about every published route change, in each router's order, while that router's state is locked: it must not
 * block.
 */
@FunctionalInterface
public interface RouteListener {

    /** The openpe.evpn-routes records of one RIB operation (a null value is a withdrawal). */
    void onRecords(List<Outbound> records);
}
