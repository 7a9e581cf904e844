package io.openpe.node.bench;

import io.openpe.node.ProtoPlans;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.intake.NodePlans;
import io.openpe.node.linux.Enactment;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.linux.VrfDatapath;
import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The netns VRF datapath at scale: L3VNIs (VRF {@code v<i>}, each a namespace) and L2VNIs spread over them
 * ({@link ProtoPlans#vrfs}), kernel only. Creates and deletes the same objects with {@code ip -batch}
 * ({@link IpBaseline}: one batch of {@code netns add} lines, one for the router, one per VRF namespace, one for the
 * host; deleted by one batch of {@code netns del} lines and one for the host bridges), then
 * converges through node-programmer from empty, re-applies unchanged five times and removes everything. Not a test:
 * run it by hand as root, like {@link ConvergenceBench}, with {@code io.openpe.node.bench.NetnsConvergenceBench
 * [l3Count] [l2Count]} (default 100 and 1000).
 */
public final class NetnsConvergenceBench {

    private NetnsConvergenceBench() {
    }

    public static void main(String[] args) throws Exception {
        int l3 = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int l2 = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        NodePlan plan = NodePlans.fromProto(ProtoPlans.vrfs("bench", "node-a", 1, l3, l2));
        NodePlan empty = NodePlans.fromProto(ProtoPlans.vrfs("bench", "node-a", 2, 1, 0).toBuilder()
                .clearL3Domains().build());

        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        // Engineers sharing a machine each pass their own prefix; the random default keeps runs apart otherwise.
        String prefix = System.getProperty("openpe.bench.prefix", "nvb" + HexFormat.of().formatHex(random));

        double batchCreate;
        double batchDelete;
        double batchDeleteDone;
        String router = prefix + "r";
        String host = prefix + "h";
        try {
            namespace(router);
            namespace(host);
            List<String> vrfNamespaces = new ArrayList<>();
            for (int i = 0; i < l3; i++) {
                vrfNamespaces.add(router + "-vrf-v" + i);
            }
            long b0 = System.nanoTime();
            IpBaseline.batch(Optional.empty(), vrfNamespaces.stream().map(n -> "netns add " + n).toList());
            IpBaseline.batch(router, routerCommands(router, l3, l2));
            for (int i = 0; i < l3; i++) {
                IpBaseline.batch(vrfNamespaces.get(i), vrfCommands(i, l3, l2, host));
            }
            IpBaseline.batch(host, hostCommands(l2));
            long b1 = System.nanoTime();
            IpBaseline.batch(Optional.empty(), vrfNamespaces.stream().map(n -> "netns del " + n).toList());
            IpBaseline.batch(host, hostDeletes(l2));
            long b2 = System.nanoTime();
            awaitVethEndsGone(host);
            long b3 = System.nanoTime();
            batchCreate = IpBaseline.ms(b0, b1);
            batchDelete = IpBaseline.ms(b1, b2);
            batchDeleteDone = IpBaseline.ms(b1, b3);
        } finally {
            cleanUp(prefix);
        }

        String nodeRouter = prefix + "nr";
        String nodeHost = prefix + "nh";
        try {
            namespace(nodeRouter);
            namespace(nodeHost);
            NodeEnactor node = new NodeEnactor(Namespaces.of(nodeRouter, nodeHost), Optional.empty(),
                    new VrfDatapath.Choice(VrfDatapath.NETNS, "bench"), Optional.empty());
            long t0 = System.nanoTime();
            Enactment create = node.apply(plan);
            long t1 = System.nanoTime();
            check(create, "create");
            List<Double> unchanged = new ArrayList<>();
            int unchangedWrites = 0;
            for (int i = 0; i < 5; i++) {
                long u0 = System.nanoTime();
                Enactment again = node.apply(plan);
                unchanged.add(IpBaseline.ms(u0, System.nanoTime()));
                unchangedWrites += again.kernelWrites();
            }
            long t2 = System.nanoTime();
            Enactment removal = node.apply(empty);
            long t3 = System.nanoTime();
            check(removal, "removal");
            awaitVethEndsGone(nodeHost);
            long t4 = System.nanoTime();
            long left;
            try (Stream<Path> files = Files.list(Path.of("/run/netns"))) {
                left = files.filter(f -> f.getFileName().toString().startsWith(nodeRouter + "-vrf-")).count();
            }

            double converge = IpBaseline.ms(t0, t1);
            double remove = IpBaseline.ms(t2, t3);
            double removeDone = IpBaseline.ms(t2, t4);
            System.out.printf("L3VNIs: %d (VRF namespaces), L2VNIs: %d, %d kernel changes%n", l3, l2,
                    create.kernel().changes().size());
            System.out.printf("ip -batch create     : %9.1f ms%n", batchCreate);
            System.out.printf("converge from empty  : %9.1f ms, %d kernel writes%n", converge, create.kernelWrites());
            System.out.printf("ratio converge/batch : %9.2f (target <= 1.5)%n", converge / batchCreate);
            System.out.printf("re-apply unchanged   : %s; %d kernel writes in 5 runs%n",
                    IpBaseline.summary(unchanged), unchangedWrites);
            System.out.printf("ip -batch delete     : %9.1f ms (kernel done: %.1f ms)%n", batchDelete,
                    batchDeleteDone);
            System.out.printf("remove all           : %9.1f ms (kernel done: %.1f ms), %d kernel writes, %d VRF"
                    + " namespaces left%n", remove, removeDone, removal.kernelWrites(), left);
            System.out.printf("ratio remove/batch   : %9.2f (kernel done: %.2f)%n", remove / batchDelete,
                    removeDone / batchDeleteDone);
        } finally {
            cleanUp(prefix);
        }
    }

    /** lo and the VTEP, and every VXLAN, created by the router straight into its VRF's namespace. */
    static List<String> routerCommands(String router, int l3, int l2) {
        List<String> lines = new ArrayList<>(List.of("link set dev lo up", "addr add 100.65.0.0/32 dev lo"));
        for (int i = 0; i < l3; i++) {
            lines.add(vxlan(5000 + i, router + "-vrf-v" + i));
        }
        for (int j = 0; j < l2; j++) {
            lines.add(vxlan(10000 + j, router + "-vrf-v" + (j % l3)));
        }
        return lines;
    }

    private static String vxlan(long vni, String namespace) {
        return "link add vni" + vni + " netns " + namespace + " mtu 1450 up type vxlan id " + vni
                + " local 100.65.0.0 dstport 4789 nolearning";
    }

    static List<String> vrfCommands(int i, int l3, int l2, String host) {
        int l3Vni = 5000 + i;
        List<String> lines = new ArrayList<>(List.of("link set dev lo up",
                "link add br-pe-" + l3Vni + " address " + String.format("02:00:00:00:%02x:%02x", l3Vni >> 8 & 0xff,
                        l3Vni & 0xff) + " mtu 1450 up type bridge"));
        lines.addAll(IpBaseline.port(l3Vni));
        for (int j = i; j < l2; j += l3) {
            long vni = 10000 + j;
            lines.add("link add br-pe-" + vni + " address " + IpBaseline.mac(vni) + " mtu 1450 up type bridge");
            lines.addAll(IpBaseline.port(vni));
            lines.add("link add pe-" + vni + " mtu 1450 up type veth peer name host-" + vni + " mtu 1450 netns "
                    + host);
            lines.add("link set dev pe-" + vni + " master br-pe-" + vni);
            lines.add("addr add " + ProtoPlans.gateway(j) + " dev br-pe-" + vni);
        }
        return lines;
    }

    static List<String> hostCommands(int l2) {
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < l2; j++) {
            long vni = 10000 + j;
            lines.add("link add br-hs-" + vni + " up type bridge");
            lines.add("link set dev host-" + vni + " master br-hs-" + vni);
            lines.add("link set dev host-" + vni + " up");
        }
        return lines;
    }

    static List<String> hostDeletes(int l2) {
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < l2; j++) {
            lines.add("link del br-hs-" + (10000 + j));
        }
        return lines;
    }

    /**
     * Until the host side holds no veth end any more: {@code ip netns del} returns before the kernel has torn the
     * namespace's links down (that runs later, in the kernel's cleanup work), and a veth's host end goes with it.
     */
    private static void awaitVethEndsGone(String host) throws InterruptedException {
        while (Exec.run(List.of("ip", "-n", host, "-o", "link", "show", "type", "veth")).orThrow().stdout()
                .contains("host-")) {
            Thread.sleep(50);
        }
    }

    private static void namespace(String name) {
        Exec.run(List.of("ip", "netns", "add", name)).orThrow();
    }

    private static void cleanUp(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/run/netns"))) {
            for (String name : files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .toList()) {
                Exec.run(List.of("ip", "netns", "del", name));
            }
        }
    }

    private static void check(Enactment enactment, String step) {
        List<ObjectResult> failures = enactment.results().stream().filter(ObjectResult::failed).toList();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(step + " failed: " + failures.subList(0, Math.min(5, failures.size())));
        }
    }


}
