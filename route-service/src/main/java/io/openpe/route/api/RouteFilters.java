package io.openpe.route.api;

import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.RouteFilter;
import java.util.Locale;

/** Whether a route matches a ListRoutes/WatchRoutes filter: every field set in the filter must match; unset ones match all. */
final class RouteFilters {

    private RouteFilters() {
    }

    static boolean matches(RouteFilter filter, EvpnRoute route) {
        return (filter.getCluster().isEmpty() || filter.getCluster().equals(route.getCluster()))
                && (filter.getRouter().isEmpty() || filter.getRouter().equals(route.getRouter().getAddress())
                        || filter.getRouter().equals(route.getRouter().getSysName()))
                && (filter.getVni() == 0 || filter.getVni() == route.getVni())
                && (filter.getMac().isEmpty() || filter.getMac().toLowerCase(Locale.ROOT).equals(route.getMac()))
                && (filter.getIp().isEmpty() || filter.getIp().equals(route.getIp())
                        || filter.getIp().equals(route.getPrefix()) || filter.getIp().equals(route.getNextHop()))
                && (filter.getRd().isEmpty() || filter.getRd().equals(route.getRd().getValue()))
                && (filter.getRouteType() == 0 || filter.getRouteType() == route.getRouteType());
    }
}
