package io.openpe.lab.layout;

import java.util.List;

/**
 * The FRR configurations of the fabric itself, the leafs and the spine, as OpenPERouter's kind and containerlab
 * leafs are configured by hand: plain eBGP relays in IPv4 unicast (the VTEP /32s) and L2VPN EVPN. They hold no VNI
 * and rewrite nothing, so EVPN routes keep the originating VTEP as next hop. The nodes' configurations are not here:
 * node-programmer renders those.
 */
public final class FabricConfigs {

    private FabricConfigs() {
    }

    /** The leaf of one cluster: every node (AS of the cluster) and the spine as neighbors. */
    public static String leaf(ClusterLayout cluster, Layout layout) {
        List<Peer> peers = new java.util.ArrayList<>(cluster.nodes().stream()
                .map(n -> new Peer(n.underlayAddress(), n.asn())).toList());
        peers.add(new Peer(ClusterLayout.address(cluster.spineDownlinkCidr()), layout.spec().spineAsn()));
        return bgp("leaf-" + cluster.spec().key(), cluster.spec().leafAsn(), cluster.spec().leafAddress(), peers);
    }

    /** The spine: every leaf as a neighbor; it carries the underlay and EVPN routes between the clusters. */
    public static String spine(Layout layout) {
        List<Peer> peers = layout.clusters().stream()
                .map(c -> new Peer(ClusterLayout.address(c.leafUplinkCidr()), c.spec().leafAsn())).toList();
        return bgp("spine", layout.spec().spineAsn(),
                ClusterLayout.address(layout.clusters().getFirst().spineDownlinkCidr()), peers);
    }

    /** What a node's FRR starts with, before node-programmer's first apply. */
    public static String nodeInitial(NodeLayout node) {
        return "frr defaults datacenter\nhostname " + node.name() + "\n!\n";
    }

    private record Peer(String address, long asn) {
    }

    private static String bgp(String hostname, long asn, String routerId, List<Peer> peers) {
        StringBuilder out = new StringBuilder();
        out.append("frr defaults datacenter\n");
        out.append("hostname ").append(hostname).append('\n');
        out.append("!\n");
        out.append("router bgp ").append(asn).append('\n');
        out.append(" bgp router-id ").append(routerId).append('\n');
        out.append(" no bgp ebgp-requires-policy\n");
        out.append(" no bgp default ipv4-unicast\n");
        out.append(" timers bgp 3 9\n");
        for (Peer peer : peers) {
            out.append(" neighbor ").append(peer.address()).append(" remote-as ").append(peer.asn()).append('\n');
            // Sessions come up as soon as the other side's bgpd listens, not after the default 10 s retry.
            out.append(" neighbor ").append(peer.address()).append(" timers connect 1\n");
        }
        for (String family : List.of("ipv4 unicast", "l2vpn evpn")) {
            out.append(" !\n address-family ").append(family).append('\n');
            for (Peer peer : peers) {
                out.append("  neighbor ").append(peer.address()).append(" activate\n");
            }
            out.append(" exit-address-family\n");
        }
        out.append("exit\n!\n");
        return out.toString();
    }
}
