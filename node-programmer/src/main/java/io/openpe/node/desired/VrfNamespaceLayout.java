package io.openpe.node.desired;

import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The desired kernel objects of a node whose VRFs are network namespaces (the netns datapath): what stays in the router
 * namespace and what goes into each VRF's namespace. Pure.
 *
 * <p>Every link of a domain in a VRF is named after a VNI of that VRF ({@code br-pe-V}, {@code vniV}, {@code pe-V} /
 * {@code host-V}, {@code br-hs-V}), so the VNI decides the place: the L3VNI's bridge, VXLAN and host-session veth and
 * each L2VNI's gateway bridge, VXLAN and veth go to the VRF's namespace with their addresses and masters; the host ends
 * stay on the host side. The VRF device is not wanted (the namespace is the VRF) and neither is enslaving a link to
 * it. Each VRF namespace also gets its loopback up and the router's forwarding sysctls: it routes.
 *
 * @param router       objects of the router namespace
 * @param vrfs         per VRF name, the objects of its namespace
 * @param vniToVrf     the VNIs whose links belong to a VRF namespace
 */
public record VrfNamespaceLayout(List<DesiredObject> router, Map<String, List<DesiredObject>> vrfs,
        Map<Long, String> vniToVrf) {

    public VrfNamespaceLayout {
        router = List.copyOf(router);
        Map<String, List<DesiredObject>> copy = new TreeMap<>();
        vrfs.forEach((vrf, objects) -> copy.put(vrf, List.copyOf(objects)));
        vrfs = java.util.Collections.unmodifiableMap(copy);
        vniToVrf = Map.copyOf(vniToVrf);
    }

    public static VrfNamespaceLayout of(NodePlan plan, DesiredState desired) {
        Map<Long, String> vniToVrf = new LinkedHashMap<>();
        Map<String, NodePlan.SourceRef> vrfSource = new TreeMap<>();
        for (NodePlan.L3Domain l3 : plan.l3Domains()) {
            vniToVrf.put(l3.vni(), l3.vrf());
            vrfSource.put(l3.vrf(), l3.source());
        }
        for (NodePlan.L2Domain l2 : plan.l2Domains()) {
            l2.vrf().ifPresent(vrf -> {
                vniToVrf.put(l2.vni(), vrf);
                vrfSource.putIfAbsent(vrf, l2.source());
            });
        }
        List<DesiredObject> router = new ArrayList<>();
        Map<String, List<DesiredObject>> vrfs = new TreeMap<>();
        vrfSource.forEach((vrf, source) -> {
            List<DesiredObject> objects = new ArrayList<>();
            DesiredState.ROUTER_SYSCTLS.forEach(s -> objects.add(DesiredObject.inVrf(s, source, vrf)));
            objects.add(DesiredObject.inVrf(new Loopback(true), source, vrf));
            vrfs.put(vrf, objects);
        });
        for (DesiredObject object : desired.kernel()) {
            KernelObject kernel = object.object();
            if (kernel instanceof Vrf vrf && vrfs.containsKey(vrf.name())) {
                continue;
            }
            if (kernel instanceof LinkMaster master && vrfs.containsKey(master.master())) {
                continue;
            }
            OptionalLong vni = vniOf(kernel);
            String vrf = vni.isPresent() ? vniToVrf.get(vni.getAsLong()) : null;
            if (vrf == null) {
                router.add(object);
            } else {
                vrfs.get(vrf).add(object);
            }
        }
        return new VrfNamespaceLayout(router, vrfs, vniToVrf);
    }

    /** The VNI a link name of our scheme carries; empty for objects not tied to one (sysctls, lo, NICs). */
    public static OptionalLong vniOf(KernelObject object) {
        return switch (object) {
            case Bridge b -> Bridge.vniOf(b.name());
            case Vxlan v -> OptionalLong.of(v.vni());
            case Veth v -> Veth.vniOf(v.routerName());
            case LinkMaster m -> vniOfLink(m.link());
            case Address a -> vniOfLink(a.link());
            case Sysctl s -> OptionalLong.empty();
            default -> OptionalLong.empty();
        };
    }

    /** The VNI in a link name of our scheme ({@code br-pe-V}, {@code br-hs-V}, {@code vniV}, {@code pe-V}, {@code host-V}). */
    public static OptionalLong vniOfLink(String name) {
        OptionalLong bridge = Bridge.vniOf(name);
        if (bridge.isPresent()) {
            return bridge;
        }
        OptionalLong vxlan = Vxlan.vniOf(name);
        return vxlan.isPresent() ? vxlan : Veth.vniOf(name);
    }
}
