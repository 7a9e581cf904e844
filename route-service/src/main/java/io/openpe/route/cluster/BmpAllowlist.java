package io.openpe.route.cluster;

import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which BMP routers may connect: an address some node plan names as its router id or VTEP
 * ({@link RouterClusters}), or one inside a configured CIDR ({@code openpe.bmp.allowed-cidrs}). Anyone else could
 * inject MAC locations that LocateMac and the migration check believe, so their sessions are refused at accept.
 */
public final class BmpAllowlist {

    /** The reason tag of a refusal ({@code openpe_bmp_sessions_refused_total{reason}}). */
    public static final String UNKNOWN_ROUTER = "unknown-router";
    public static final String NOT_AN_IP_ADDRESS = "not-an-ip-address";

    private final List<Cidr> allowed;
    private final RouterClusters plans;

    public BmpAllowlist(List<Cidr> allowed, RouterClusters plans) {
        this.allowed = List.copyOf(allowed);
        this.plans = plans;
    }

    /** Parses the comma-separated entries of {@code openpe.bmp.allowed-cidrs}; a bad entry fails the start. */
    public static List<Cidr> parseCidrs(List<String> entries) {
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(e -> {
            try {
                return Cidr.parse(e);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("openpe.bmp.allowed-cidrs: " + ex.getMessage(), ex);
            }
        }).toList();
    }

    /** Empty when {@code address} may open a BMP session, else the reason tag of the refusal. */
    public Optional<String> refusal(String address) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Optional.of(NOT_AN_IP_ADDRESS);
        }
        if (allowed.stream().anyMatch(cidr -> cidr.contains(ip)) || plans.names(ip)) {
            return Optional.empty();
        }
        return Optional.of(UNKNOWN_ROUTER);
    }

    public List<Cidr> cidrs() {
        return allowed;
    }
}
