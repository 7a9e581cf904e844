/**
 * The fabric as the saga's verification sees it: {@link io.openpe.migration.dispatch.MacLocator} over route-service's
 * gRPC API (LocateMac for the baseline, WatchMac to wait for the move without polling), or "nowhere" when no
 * route-service is configured. A thin adapter: the saga decides what a location means.
 */
package io.openpe.migration.fabric;
