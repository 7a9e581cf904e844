package io.openpe.node.desired;

import java.util.List;
import java.util.Optional;

/**
 * The complete desired state of one node as node-programmer needs it: the fields of the proto {@code NodePlan} that
 * shape kernel objects or FRR configuration. Every value is already derived by intent-service (DESIGN §4); nothing
 * here is decided on the node.
 */
public record NodePlan(
        String cluster,
        String node,
        long generation,
        String contentHash,
        Optional<Underlay> underlay,
        List<L3Domain> l3Domains,
        List<L2Domain> l2Domains,
        Optional<BmpTarget> bmp) {

    public NodePlan {
        l3Domains = List.copyOf(l3Domains);
        l2Domains = List.copyOf(l2Domains);
    }

    /** The intent object a kernel or FRR object belongs to, as {@code kind/namespace/name}. */
    public record SourceRef(String kind, String namespace, String name) {
        @Override
        public String toString() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    public record Neighbor(long asn, String address) {
    }

    /** @param vtepIp host address, configured as /32 on lo in the router namespace */
    public record Underlay(SourceRef source, long asn, String routerId, String vtepIp, List<String> nics,
            List<Neighbor> neighbors, int mtu) {
        public Underlay {
            nics = List.copyOf(nics);
            neighbors = List.copyOf(neighbors);
        }
    }

    public record VxlanPlan(String name, long vni, String localIp, int dstPort) {
    }

    /** A veth pair: the router end lives in the router namespace, the host end in the host namespace. */
    public record VethPair(String routerName, String hostName, int mtu) {
    }

    /** BGP session between the router's VRF and the host, over a veth; addresses in CIDR notation. */
    public record HostSession(VethPair veth, long routerAsn, long hostAsn, Optional<String> routerIpv4,
            Optional<String> hostIpv4, Optional<String> routerIpv6, Optional<String> hostIpv6) {
    }

    public record L3Domain(SourceRef source, String vrf, long vni, String bridge, VxlanPlan vxlan,
            List<String> exportRts, List<String> importRts, Optional<HostSession> hostSession,
            Optional<String> routerMac) {
        public L3Domain {
            exportRts = List.copyOf(exportRts);
            importRts = List.copyOf(importRts);
        }
    }

    /** @param autocreate false: the bridge is the operator's and is never created or deleted by us */
    public record HostBridge(String name, boolean autocreate) {
    }

    /**
     * @param vrf          empty: a disconnected L2 overlay
     * @param vrfNodeLocal no L3VNI defines the VRF: it exists only on this node and no type-5 routes leave it
     * @param gatewayIp    CIDR notation
     */
    public record L2Domain(SourceRef source, long vni, Optional<String> vrf, boolean vrfNodeLocal, String bridge,
            VxlanPlan vxlan, VethPair veth, Optional<HostBridge> hostBridge, Optional<String> gatewayIp,
            Optional<String> gatewayMac) {
    }

    public record BmpTarget(String address, int port) {
    }
}
