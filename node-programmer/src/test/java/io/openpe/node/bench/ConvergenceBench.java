package io.openpe.node.bench;

import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.HostBridge;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.NodePlan.VethPair;
import io.openpe.node.desired.NodePlan.VxlanPlan;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.kernel.KernelDiff;
import io.openpe.node.kernel.KernelState;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.linux.LinuxKernel;
import io.openpe.testkit.netns.NetnsLab;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converges N L2VNIs from empty, re-applies unchanged, removes all; then builds and deletes the same objects with a
 * hand-written {@code ip -batch} per namespace ({@link IpBaseline}), and prints the ratios. Not a test: run it by hand (needs root).
 *
 * <pre>
 * ./mvnw -B -o -q -pl node-programmer test-compile
 * ./mvnw -B -o -q -pl node-programmer dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp "$(cat node-programmer/target/bench.classpath):node-programmer/target/classes:node-programmer/target/test-classes" \
 *     io.openpe.node.bench.ConvergenceBench [count]
 * </pre>
 */
public final class ConvergenceBench {

    private static final int FIRST_VNI = 1000;
    /** Engineers sharing a machine each pass their own ({@code -Dopenpe.bench.prefix}). */
    private static final String PREFIX = System.getProperty("openpe.bench.prefix", NetnsLab.PREFIX);

    private ConvergenceBench() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        NodePlan plan = plan(count);

        // The hand-written batches first, in namespaces of their own, so neither side inherits the other's
        // deferred kernel cleanup.
        double batchCreate;
        double batchDelete;
        try (NetnsLab lab = NetnsLab.create(PREFIX)) {
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            long b0 = System.nanoTime();
            IpBaseline.batch(router, routerCommands(count, host));
            IpBaseline.batch(host, hostCommands(count));
            long b1 = System.nanoTime();
            IpBaseline.batch(router, deleteRouterCommands(count));
            IpBaseline.batch(host, deleteHostCommands(count));
            long b2 = System.nanoTime();
            batchCreate = IpBaseline.ms(b0, b1);
            batchDelete = IpBaseline.ms(b1, b2);
        }

        try (NetnsLab lab = NetnsLab.create(PREFIX)) {
            Namespaces ns = Namespaces.of(lab.namespace("r"), lab.namespace("h"));
            LinuxKernel kernel = new LinuxKernel(ns);

            long t0 = System.nanoTime();
            KernelEnactment create = kernel.apply(DesiredState.from(plan, ns));
            long t1 = System.nanoTime();
            check(create, "create");
            List<Double> unchanged = new ArrayList<>();
            int unchangedWrites = 0;
            for (int i = 0; i < 5; i++) {
                long u0 = System.nanoTime();
                KernelEnactment again = kernel.apply(DesiredState.from(plan, ns));
                unchanged.add(IpBaseline.ms(u0, System.nanoTime()));
                unchangedWrites += again.writes();
            }
            // The same after the kernel settled: for some seconds after 3,000 links came up it adds and confirms
            // their IPv6 link-local addresses, which takes CPU and makes address dumps inconsistent (repeated).
            sleep(10_000);
            List<Double> settled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long u0 = System.nanoTime();
                KernelEnactment again = kernel.apply(DesiredState.from(plan, ns));
                settled.add(IpBaseline.ms(u0, System.nanoTime()));
                unchangedWrites += again.writes();
            }
            // Where an unchanged re-apply spends its time: the same steps as LinuxKernel.apply, timed one by one.
            List<double[]> phases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long p0 = System.nanoTime();
                DesiredState desired = DesiredState.from(plan, ns);
                long p1 = System.nanoTime();
                KernelState actual = kernel.read(desired.kernelObjects().stream()
                        .filter(Sysctl.class::isInstance).map(o -> ((Sysctl) o).key()).toList());
                long p2 = System.nanoTime();
                int changes = KernelDiff.between(desired.kernelObjects(), actual).size();
                long p3 = System.nanoTime();
                if (changes != 0) {
                    throw new IllegalStateException("unchanged plan gave " + changes + " changes");
                }
                phases.add(new double[] {IpBaseline.ms(p0, p1), IpBaseline.ms(p1, p2), IpBaseline.ms(p2, p3)});
            }
            long t2 = System.nanoTime();
            KernelEnactment removal = kernel.apply(DesiredState.from(SeedPlans.empty(), ns));
            long t3 = System.nanoTime();
            check(removal, "removal");

            double converge = IpBaseline.ms(t0, t1);
            double remove = IpBaseline.ms(t2, t3);
            List<Double> sorted = unchanged.stream().sorted().toList();
            System.out.printf("L2VNIs: %d (%d kernel objects)%n", count, create.changes().size());
            System.out.printf("ip -batch create     : %9.1f ms%n", batchCreate);
            System.out.printf("converge from empty  : %9.1f ms, %d kernel writes%n", converge, create.writes());
            System.out.printf("ratio converge/batch : %9.2f (target <= 1.5)%n", converge / batchCreate);
            System.out.printf("re-apply unchanged   : first %.1f ms, median %.1f ms, best %.1f ms; %d kernel writes"
                    + " in 10 runs (target < 200 ms, 0 writes)%n", unchanged.getFirst(), sorted.get(2),
                    sorted.getFirst(), unchangedWrites);
            List<Double> settledSorted = settled.stream().sorted().toList();
            System.out.printf("re-apply, settled 10 s: first %.1f ms, median %.1f ms, best %.1f ms%n",
                    settled.getFirst(), settledSorted.get(2), settledSorted.getFirst());
            System.out.printf("re-apply breakdown   : desired state median %.1f ms, kernel read median %.1f ms"
                    + " (best %.1f), diff median %.1f ms%n", median(phases, 0), median(phases, 1),
                    phases.stream().mapToDouble(p -> p[1]).min().orElseThrow(), median(phases, 2));
            System.out.printf("ip -batch delete     : %9.1f ms%n", batchDelete);
            System.out.printf("remove all           : %9.1f ms, %d kernel writes%n", remove, removal.writes());
            System.out.printf("ratio remove/batch   : %9.2f%n", remove / batchDelete);
        }
    }

    public static NodePlan plan(int count) {
        List<L2Domain> domains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long vni = FIRST_VNI + i;
            domains.add(new L2Domain(new SourceRef("L2VNI", "bench", "l2-" + vni), vni, Optional.empty(), false,
                    "br-pe-" + vni, new VxlanPlan("vni" + vni, vni, "100.65.0.0", 4789),
                    new VethPair("pe-" + vni, "host-" + vni, 1450),
                    Optional.of(new HostBridge("br-hs-" + vni, true)), Optional.of(gateway(i)),
                    Optional.of(IpBaseline.mac(vni))));
        }
        return SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of())), List.of(), domains);
    }

    private static String gateway(int i) {
        return "10." + (100 + i / 256) + "." + (i % 256) + ".1/24";
    }

    /** The same objects the plan asks for, as an operator would write them for ip -batch. */
    static List<String> routerCommands(int count, String hostNs) {
        List<String> lines = new ArrayList<>(List.of("link set dev lo up", "addr add 100.65.0.0/32 dev lo"));
        for (int i = 0; i < count; i++) {
            long vni = FIRST_VNI + i;
            lines.add("link add br-pe-" + vni + " address " + IpBaseline.mac(vni) + " mtu 1450 up type bridge");
            lines.add("link add vni" + vni + " mtu 1450 up type vxlan id " + vni
                    + " local 100.65.0.0 dstport 4789 nolearning");
            lines.add("link set dev vni" + vni + " master br-pe-" + vni);
            lines.add("link set dev vni" + vni + " type bridge_slave neigh_suppress on learning off");
            lines.add("link add pe-" + vni + " mtu 1450 up type veth peer name host-" + vni + " mtu 1450 netns "
                    + hostNs);
            lines.add("link set dev pe-" + vni + " master br-pe-" + vni);
            lines.add("addr add " + gateway(i) + " dev br-pe-" + vni);
        }
        return lines;
    }

    static List<String> hostCommands(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long vni = FIRST_VNI + i;
            lines.add("link add br-hs-" + vni + " up type bridge");
            lines.add("link set dev host-" + vni + " master br-hs-" + vni);
            lines.add("link set dev host-" + vni + " up");
        }
        return lines;
    }

    static List<String> deleteRouterCommands(int count) {
        List<String> lines = new ArrayList<>(List.of("addr del 100.65.0.0/32 dev lo"));
        for (int i = 0; i < count; i++) {
            long vni = FIRST_VNI + i;
            lines.add("link del pe-" + vni);
            lines.add("link del vni" + vni);
            lines.add("link del br-pe-" + vni);
        }
        return lines;
    }

    static List<String> deleteHostCommands(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("link del br-hs-" + (FIRST_VNI + i));
        }
        return lines;
    }

    private static void check(KernelEnactment enactment, String step) {
        if (!enactment.failures().isEmpty()) {
            throw new IllegalStateException(step + " failed: " + enactment.failures().subList(0,
                    Math.min(5, enactment.failures().size())));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<double[]> runs, int phase) {
        return runs.stream().mapToDouble(p -> p[phase]).sorted().toArray()[runs.size() / 2];
    }


}
