package io.openpe.route.mobility;

import java.util.List;

/**
 * A MAC in a VNI claimed by two or more VTEPs without a MAC mobility sequence increase.
 *
 * @param claims   the strongest claim of each VTEP (highest sequence), sorted by VTEP
 * @param reporter the advertisement that made the duplicate visible (the event goes out under its router)
 */
public record DuplicateMac(int vni, String mac, List<MacAdvertisement> claims, MacAdvertisement reporter) {
}
