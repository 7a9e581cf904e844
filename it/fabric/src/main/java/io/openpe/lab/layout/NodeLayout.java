package io.openpe.lab.layout;

import java.nio.file.Path;

/**
 * One node: a router namespace (FRR, and later what node-programmer creates) and a host namespace (the underlay NIC
 * {@code toswitch} before node-programmer moves it, the host bridges workloads plug into).
 *
 * @param index the node index intent-service allocates in order of appearance (lowest free from 0)
 * @param underlayCidr the address of {@code toswitch}, on the cluster's underlay segment
 * @param leafPort the leaf end of the {@code toswitch} cable, a port of the leaf's bridge
 * @param managementCidr the address of the router namespace's {@code mgmt} link, the source of its BMP session
 * @param rootPort the root-namespace end of {@code mgmt}, a port of the management bridge
 * @param frrDirectory FRR's configuration, pid files and vty sockets of the router namespace
 * @param vtepIp the VTEP intent-service derives for this index ({@code vtepCidr} host number index)
 * @param routerId the router id intent-service derives ({@code routerIdCidr} host number index+1)
 */
public record NodeLayout(String name, String cluster, int index, String routerNetns, String hostNetns,
        String underlayCidr, String leafPort, String managementCidr, String rootPort, Path frrDirectory, long asn,
        String vtepIp, String routerId) {

    public static final String UNDERLAY_NIC = "toswitch";
    public static final String MANAGEMENT_LINK = "mgmt";

    public String underlayAddress() {
        return underlayCidr.substring(0, underlayCidr.indexOf('/'));
    }

    public String managementAddress() {
        return managementCidr.substring(0, managementCidr.indexOf('/'));
    }

    public Path frrConfigFile() {
        return frrDirectory.resolve("frr.conf");
    }
}
