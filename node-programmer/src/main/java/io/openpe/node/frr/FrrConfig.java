package io.openpe.node.frr;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The FRR configuration of one node, fully computed: the renderer only prints it. Every list is sorted on
 * construction so that two renders of equal inputs are byte-identical.
 *
 * @param router     the default-VRF BGP instance; empty when the plan has no underlay
 * @param vrfVnis    {@code vrf <name>} / {@code vni <l3vni>} bindings of the L3 domains
 * @param vrfRouters {@code router bgp <asn> vrf <name>} instances of the L3 domains
 */
public record FrrConfig(String hostname, Optional<BgpRouter> router, List<VrfVni> vrfVnis,
        List<VrfRouter> vrfRouters) {

    public FrrConfig {
        vrfVnis = vrfVnis.stream().sorted(Comparator.comparing(VrfVni::vrf)).toList();
        vrfRouters = vrfRouters.stream().sorted(Comparator.comparing(VrfRouter::vrf)).toList();
    }

    /**
     * @param ebgp whether the session is external: its ASN differs from the local one. FRR decides this itself from
     *             {@code remote-as}; the model keeps it so that tests and reports can say which kind it is.
     */
    public record Neighbor(String address, long remoteAsn, boolean ebgp) {
        static final Comparator<Neighbor> ORDER = Comparator.comparing(Neighbor::address, IpOrder.INSTANCE);

        public static Neighbor of(String address, long remoteAsn, long localAsn) {
            return new Neighbor(address, remoteAsn, remoteAsn != localAsn);
        }

        public boolean ipv6() {
            return address.contains(":");
        }
    }

    /**
     * @param networks prefixes announced in IPv4 unicast to the fabric: the VTEP /32, so that the other VTEPs reach it
     */
    public record BgpRouter(long asn, String routerId, List<Neighbor> neighbors, List<String> networks,
            Optional<BmpTarget> bmp) {
        public BgpRouter {
            neighbors = neighbors.stream().sorted(Neighbor.ORDER).toList();
            networks = networks.stream().sorted(IpOrder.INSTANCE).toList();
        }
    }

    public record VrfVni(String vrf, long vni) {
    }

    /**
     * @param neighbors   host sessions inside the VRF
     * @param exportRts   route targets; empty: FRR derives {@code ASN:VNI} itself
     */
    public record VrfRouter(String vrf, long asn, String routerId, List<Neighbor> neighbors, List<String> importRts,
            List<String> exportRts) {
        public VrfRouter {
            neighbors = neighbors.stream().sorted(Neighbor.ORDER).toList();
            importRts = importRts.stream().sorted().distinct().toList();
            exportRts = exportRts.stream().sorted().distinct().toList();
        }
    }

    /**
     * A BMP collector (RFC 7854). FRR reconnects after a lost session with a back-off between the two retry bounds,
     * in milliseconds.
     */
    public record BmpTarget(String name, String address, int port, int minRetryMillis, int maxRetryMillis) {
    }
}
