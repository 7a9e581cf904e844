package io.openpe.lab.layout;

import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import java.util.Objects;

/**
 * One cluster of the fabric: its leaf (the top-of-rack router every node peers with over {@code toswitch}), the AS
 * its nodes run, and the ranges intent-service derives each node's VTEP and router id from (DESIGN §4: VTEP = host
 * number <em>index</em> of {@code vtepCidr}, router id = host number <em>index+1</em> of {@code routerIdCidr}).
 *
 * @param name the cluster's name (also {@code openpe.cluster} of its services)
 * @param key one lower-case letter or digit naming the cluster in namespace and link names
 * @param underlaySubnet the segment between the leaf and the nodes; the leaf holds {@code leafAddress}, node
 *     <em>i</em> host number <em>i+3</em> (OpenPERouter's kind layout: .2 the leaf, nodes from .3)
 */
public record ClusterSpec(String name, String key, long leafAsn, String leafAddress, String underlaySubnet,
        long nodeAsn, String vtepCidr, String routerIdCidr, int nodes) {

    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        if (key == null || !key.matches("[a-z0-9]")) {
            throw new IllegalArgumentException("cluster key must be one character [a-z0-9], got " + key);
        }
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("a cluster has 1 to 9 nodes in the lab, got " + nodes);
        }
        Cidr subnet = Cidr.parse(underlaySubnet);
        if (!subnet.contains(IpAddress.parse(leafAddress))) {
            throw new IllegalArgumentException("leaf address " + leafAddress + " is outside " + underlaySubnet);
        }
        Cidr.parse(vtepCidr);
        Cidr.parse(routerIdCidr);
    }

    /** Cluster A of OpenPERouter's multi-cluster example (seed 001's Underlay). */
    public static ClusterSpec kindA(int nodes) {
        return new ClusterSpec("pe-kind-a", "a", 64512, "192.168.11.2", "192.168.11.0/24", 64514, "100.65.0.0/24",
                "10.0.0.0/24", nodes);
    }

    /** Cluster B: its own leaf AS, node AS, VTEP and router-id ranges, and its own underlay segment. */
    public static ClusterSpec kindB(int nodes) {
        return new ClusterSpec("pe-kind-b", "b", 64516, "192.168.12.2", "192.168.12.0/24", 64518, "100.65.1.0/24",
                "10.0.1.0/24", nodes);
    }

    public ClusterSpec withNodes(int count) {
        return new ClusterSpec(name, key, leafAsn, leafAddress, underlaySubnet, nodeAsn, vtepCidr, routerIdCidr,
                count);
    }
}
