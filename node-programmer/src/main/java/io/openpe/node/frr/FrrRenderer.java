package io.openpe.node.frr;

import io.openpe.node.frr.FrrConfig.BgpRouter;
import io.openpe.node.frr.FrrConfig.BmpTarget;
import io.openpe.node.frr.FrrConfig.Neighbor;
import io.openpe.node.frr.FrrConfig.VrfRouter;
import io.openpe.node.frr.FrrConfig.VrfVni;
import io.openpe.rules.CommandToken;
import java.util.List;

/**
 * Prints an {@link FrrConfig} as an integrated {@code frr.conf} for FRR 8.4. It decides nothing: every value and
 * its order come from the model. Syntax follows the FRR user guide (bgp.rst: "EVPN", "BGP Monitoring Protocol").
 *
 * <p>Every string value passes {@link CommandToken} (VRF names the interface-name rule too) before it is printed:
 * the text is loaded into root daemons, so a value that could end a line or add words is refused here whatever
 * validated the plan ({@link IllegalArgumentException}; nothing is rendered, so nothing reaches FRR).
 */
public final class FrrRenderer {

    private FrrRenderer() {
    }

    public static String render(FrrConfig config) {
        StringBuilder out = new StringBuilder();
        // "datacenter" defaults: fast timers and no implicit IPv4 unicast activation, as fabrics expect.
        out.append("frr defaults datacenter\n");
        out.append("hostname ").append(token(config.hostname())).append('\n');
        // Next hops (the remote VTEPs of EVPN routes, the leaf) resolve over a default route too, as OpenPERouter
        // renders: a fabric that hands nodes only a default route instead of every VTEP /32 still carries VXLAN.
        out.append("ip nht resolve-via-default\n");
        out.append("ipv6 nht resolve-via-default\n");
        out.append("!\n");
        for (VrfVni binding : config.vrfVnis()) {
            out.append("vrf ").append(vrf(binding.vrf())).append('\n');
            out.append(" vni ").append(binding.vni()).append('\n');
            out.append("exit-vrf\n");
            out.append("!\n");
        }
        config.router().ifPresent(router -> router(out, router));
        for (VrfRouter vrf : config.vrfRouters()) {
            vrfRouter(out, vrf);
        }
        return out.toString();
    }

    private static void router(StringBuilder out, BgpRouter router) {
        out.append("router bgp ").append(router.asn()).append('\n');
        sessionDefaults(out, router.routerId());
        neighbors(out, router.neighbors());
        out.append(" !\n");
        out.append(" address-family ipv4 unicast\n");
        for (String network : router.networks()) {
            out.append("  network ").append(token(network)).append('\n');
        }
        for (Neighbor neighbor : router.neighbors()) {
            if (!neighbor.ipv6()) {
                out.append("  neighbor ").append(token(neighbor.address())).append(" activate\n");
                allowOwnAs(out, neighbor);
            }
        }
        out.append(" exit-address-family\n");
        out.append(" !\n");
        out.append(" address-family l2vpn evpn\n");
        for (Neighbor neighbor : router.neighbors()) {
            out.append("  neighbor ").append(token(neighbor.address())).append(" activate\n");
            allowOwnAs(out, neighbor);
            // BMP pre-policy monitoring reports Adj-RIB-In; without this FRR 8.4 sends every update as a withdrawal.
            out.append("  neighbor ").append(token(neighbor.address())).append(" soft-reconfiguration inbound\n");
        }
        out.append("  advertise-all-vni\n");
        out.append(" exit-address-family\n");
        router.bmp().ifPresent(bmp -> bmp(out, bmp));
        out.append("exit\n");
        out.append("!\n");
    }

    /**
     * Every node of a cluster runs the same AS behind an eBGP leaf (seed 001: AS 64514 under AS 64512), so the other
     * nodes' VTEP /32 and EVPN routes arrive with the node's own AS in their path and bgpd denies them ("as-path
     * contains our own AS") unless the fabric session allows it. OpenPERouter renders the same statement.
     */
    private static void allowOwnAs(StringBuilder out, Neighbor neighbor) {
        if (neighbor.ebgp()) {
            out.append("  neighbor ").append(token(neighbor.address())).append(" allowas-in\n");
        }
    }

    private static void vrfRouter(StringBuilder out, VrfRouter vrf) {
        out.append("router bgp ").append(vrf.asn()).append(" vrf ").append(vrf(vrf.vrf())).append('\n');
        sessionDefaults(out, vrf.routerId());
        neighbors(out, vrf.neighbors());
        out.append(" !\n");
        addressFamily(out, "ipv4", vrf.neighbors().stream().filter(n -> !n.ipv6()).toList());
        out.append(" !\n");
        addressFamily(out, "ipv6", vrf.neighbors().stream().filter(Neighbor::ipv6).toList());
        out.append(" !\n");
        out.append(" address-family l2vpn evpn\n");
        // Type-5 routes (RFC 9136) for the VRF's prefixes.
        out.append("  advertise ipv4 unicast\n");
        out.append("  advertise ipv6 unicast\n");
        for (String rt : vrf.importRts()) {
            out.append("  route-target import ").append(token(rt)).append('\n');
        }
        for (String rt : vrf.exportRts()) {
            out.append("  route-target export ").append(token(rt)).append('\n');
        }
        out.append(" exit-address-family\n");
        out.append("exit\n");
        out.append("!\n");
    }

    private static void addressFamily(StringBuilder out, String afi, List<Neighbor> neighbors) {
        out.append(" address-family ").append(afi).append(" unicast\n");
        // The VRF's connected subnets (gateways, host session) become type-5 routes.
        out.append("  redistribute connected\n");
        for (Neighbor neighbor : neighbors) {
            out.append("  neighbor ").append(token(neighbor.address())).append(" activate\n");
        }
        out.append(" exit-address-family\n");
    }

    private static void sessionDefaults(StringBuilder out, String routerId) {
        out.append(" bgp router-id ").append(token(routerId)).append('\n');
        // No "no bgp ebgp-requires-policy": the datacenter profile already has it off, so FRR never shows the line
        // and frr-reload.py would add it again on every reload.
        out.append(" no bgp default ipv4-unicast\n");
        out.append(" no bgp network import-check\n");
    }

    private static void neighbors(StringBuilder out, List<Neighbor> neighbors) {
        for (Neighbor neighbor : neighbors) {
            out.append(" neighbor ").append(token(neighbor.address())).append(" remote-as ").append(neighbor.remoteAsn())
                    .append('\n');
        }
    }

    private static void bmp(StringBuilder out, BmpTarget bmp) {
        out.append(" !\n");
        out.append(" bmp targets ").append(token(bmp.name())).append('\n');
        out.append("  bmp monitor l2vpn evpn pre-policy\n");
        out.append("  bmp monitor l2vpn evpn post-policy\n");
        out.append("  bmp connect ").append(token(bmp.address())).append(" port ").append(bmp.port())
                .append(" min-retry ").append(bmp.minRetryMillis()).append(" max-retry ").append(bmp.maxRetryMillis())
                .append('\n');
        out.append(" exit\n");
    }

    private static String token(String value) {
        return CommandToken.requireSafe(value);
    }

    private static String vrf(String name) {
        return CommandToken.requireInterfaceName(name);
    }
}
