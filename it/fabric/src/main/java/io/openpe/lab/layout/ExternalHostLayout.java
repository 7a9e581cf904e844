package io.openpe.lab.layout;

import java.nio.file.Path;

/**
 * The seeds' external host on the red network: {@code 192.168.20.2} in a namespace of its own, answering HTTP on 8090
 * with the client's address (as the seeds' agnhost {@code /clientip} does). It is cabled only to the host namespace
 * of one node ({@code 192.168.20.1}), where a BGP speaker (AS {@link #HOST_ASN}) is the host side of seed 002's
 * L3VNI host session: it accepts the router's session from any address of the host session's local CIDR and
 * announces {@code 192.168.20.0/24}. So the host is reachable only through that node's VRF red, and from every other
 * node only as a type-5 route over VNI 100.
 *
 * @param netns the external host's namespace
 * @param node the node whose host namespace holds the speaker and the cable
 * @param speakerDirectory FRR directory of the speaker (in the node's host namespace)
 */
public record ExternalHostLayout(String netns, NodeLayout node, Path speakerDirectory) {

    public static final String ADDRESS = "192.168.20.2";
    public static final String CIDR = ADDRESS + "/24";
    public static final String GATEWAY = "192.168.20.1";
    public static final String NETWORK = "192.168.20.0/24";
    public static final int HTTP_PORT = 8090;
    /** Seed 002's {@code hostasn}. */
    public static final long HOST_ASN = 64515;
    /** Seed 002's host session {@code localcidr}: the router's session comes from an address in it. */
    public static final String HOST_SESSION_CIDR = "192.169.10.0/24";
    /** The external host's link (in {@link #netns}) and its peer in the node's host namespace. */
    public static final String HOST_LINK = "ext0";
    public static final String NODE_LINK = "toext";

    /** The speaker: passive toward the router (listen range), announcing the red network it is cabled to. */
    public String speakerConfig() {
        return "frr defaults datacenter\n"
                + "hostname " + node.name() + "-speaker\n"
                + "!\n"
                + "router bgp " + HOST_ASN + "\n"
                + " bgp router-id " + GATEWAY + "\n"
                + " no bgp ebgp-requires-policy\n"
                + " timers bgp 3 9\n"
                + " neighbor router peer-group\n"
                + " neighbor router remote-as external\n"
                + " bgp listen range " + HOST_SESSION_CIDR + " peer-group router\n"
                + " !\n"
                + " address-family ipv4 unicast\n"
                + "  network " + NETWORK + "\n"
                + " exit-address-family\n"
                + "exit\n"
                + "!\n";
    }
}
