package io.openpe.local;

import io.openpe.lab.CommandResult;
import io.openpe.lab.FabricLab;
import io.openpe.lab.LabCluster;
import io.openpe.lab.LabNode;
import io.openpe.lab.LinkCounters;
import io.openpe.lab.PingResult;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.ExternalHostLayout;
import io.openpe.lab.layout.FabricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole system on the seeds' fabric (DESIGN §10): the lab's two clusters × two nodes with FRR, one Kafka, one
 * intent-service per cluster reading {@code k8s/examples/<cluster>/}, one node-programmer per node enacting its
 * router and host namespace for real, route-service receiving BMP from every node's FRR, migration-coordinator. Then
 * seed 000's checks: vm-1 in cluster A pings vm-2 in cluster B over {@code vni110}, and fetches
 * {@code 192.168.20.2:8090/clientip} from the external host on the red network, routed in VRF red over
 * {@code vni100}, answered its own address. VRFs are network namespaces (the lab's FRR in netns mode, node-programmer's
 * netns VRF datapath): this kernel has no VRF devices, and cross-cluster L2 works the same on them.
 *
 * <p>Ports: intent-service of cluster <em>c</em> HTTP {@code base+1+10c}, gRPC {@code base+1001+10c}; route-service
 * and migration-coordinator keep base+2/base+1002 and base+4/base+1004 (9082, 9084 by default); node-programmer
 * <em>n</em> HTTP {@code base+101+n}, gRPC {@code base+1101+n}.
 */
final class FabricStack implements AutoCloseable {

    static final String PREFIX = "ls";
    static final String CHECK_LINE = "seed 000 check:";
    static final String EXTERNAL_CHECK_LINE = "seed 000 external check:";
    // A timeout, not the budget: on a loaded machine a JVM can take minutes; the budget is reported, not enforced.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration WORKLOAD_TIMEOUT = Duration.ofSeconds(90);
    private static final long BUDGET_SECONDS = 90;
    // Writing the AOT configuration at exit takes a few seconds more than a plain stop.
    private static final Duration AOT_WRITE_GRACE = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", LocalStack.UNSAFE_OK);
    private static final long BUDGET_MIB = 6 * 1024;
    /** Seed 000's L3VNI: VRF red over VNI 100. */
    private static final String L3_VRF = "red";
    private static final String L3_VXLAN = "vni100";

    private final StackOptions options;
    private final String prefix;
    private final List<ChildProcess> services = new ArrayList<>();
    private FabricLab lab;
    private ChildProcess kafka;
    private String bootstrapServers;
    private FabricPrinter printer;
    private Thread printerThread;

    private final Path intentsRoot;
    private final Map<String, String> intentServiceOverrides;
    private final AotCache aot = AotCache.fromSystemProperties();

    FabricStack(StackOptions options, String prefix) {
        this(options, prefix, options.root().resolve("k8s/examples"), Map.of());
    }

    /**
     * @param intentsRoot holds one directory of intents per cluster, named after it
     * @param intentServiceOverrides further properties of both intent-services (the benchmark polls faster)
     */
    FabricStack(StackOptions options, String prefix, Path intentsRoot, Map<String, String> intentServiceOverrides) {
        this.options = options;
        this.prefix = prefix;
        this.intentsRoot = intentsRoot;
        this.intentServiceOverrides = Map.copyOf(intentServiceOverrides);
    }

    FabricLab lab() {
        return lab;
    }

    int bmpPort() {
        return options.bmpPort();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Builds the fabric, starts every process, runs seed 000's check; returns while the stack keeps running. */
    void start() throws Exception {
        long started = System.nanoTime();
        for (Service service : Service.values()) {
            if (!Files.exists(service.runnerJar(options.root()))) {
                throw new IllegalStateException(service.runnerJar(options.root())
                        + " is missing: build first with ./mvnw -B -DskipTests package");
            }
        }
        Path logs = options.data().resolve("logs");
        // Kafka starts first and comes up while the fabric is built: neither needs the other.
        System.out.println("starting Kafka (KRaft, single node) on 127.0.0.1:" + options.kafkaPort() + " ...");
        kafka = ChildProcess.start("kafka", List.of(LocalStack.java(), "-Xmx512m", LocalStack.UNSAFE_OK,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
                "io.openpe.testkit.kafka.KafkaBrokerMain", Integer.toString(options.kafkaPort()),
                options.data().resolve("kafka").toString()), logs, "KAFKA READY ");
        System.out.println("building the fabric (prefix " + prefix + "): pe-kind-a and pe-kind-b, 2 nodes each,"
                + " leafs AS 64512/64516 under spine AS 64612 ...");
        lab = FabricLab.up(FabricSpec.seeds(prefix, 2).withNetnsVrfs());
        System.out.printf("  fabric up in %d ms; nodes reach route-service's BMP listener at %s:%d from %s%n",
                elapsedMillis(started), lab.bmpAddress(), options.bmpPort(), lab.bmpSourceCidr());
        bootstrapServers = kafka.awaitReadyLine(READY_TIMEOUT).substring("KAFKA READY ".length()).trim();
        System.out.printf("  Kafka ready at %s (%d s; %.1f s CPU)%n", bootstrapServers, elapsedMillis(started) / 1000,
                kafka.cpu().toMillis() / 1000.0);
        printer = new FabricPrinter(bootstrapServers);
        printerThread = Thread.ofPlatform().daemon().name("fabric-printer").start(printer::printUntilClosed);

        List<Instance> instances = instances();
        for (Instance instance : instances) {
            ChildProcess child = ChildProcess.start(instance.name(), instance.command(), logs, null);
            if (AotCache.records(instance.command())) {
                System.out.println("  " + instance.name() + " records its AOT configuration (first run only: later"
                        + " runs start faster)");
                child.withGrace(AOT_WRITE_GRACE);
            }
            services.add(child);
        }
        for (int i = 0; i < instances.size(); i++) {
            services.get(i).awaitHealthy(instances.get(i).httpPort(), READY_TIMEOUT);
            System.out.printf("  %-40s ready  http://127.0.0.1:%d/q/health  gRPC 127.0.0.1:%d  (%d s; %.1f s CPU)%n",
                    instances.get(i).name(), instances.get(i).httpPort(), instances.get(i).grpcPort(),
                    elapsedMillis(started) / 1000, services.get(i).cpu().toMillis() / 1000.0);
        }

        LabNode a0 = lab.cluster("pe-kind-a").node(0);
        LabNode b0 = lab.cluster("pe-kind-b").node(0);
        Workload vm1 = lab.plug(SeedWorkloads.VM_1, a0, WORKLOAD_TIMEOUT);
        Workload vm2 = lab.plug(SeedWorkloads.VM_2, b0, WORKLOAD_TIMEOUT);
        System.out.printf("  vm-1 %s %s plugged into br-hs-110 of %s; vm-2 %s %s into %s%n", vm1.mac(), vm1.ip(), a0,
                vm2.mac(), vm2.ip(), b0);
        long deadline = System.nanoTime() + WORKLOAD_TIMEOUT.toNanos();
        while (!vm1.reaches(vm2.ip())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vm-1 cannot reach vm-2 within " + WORKLOAD_TIMEOUT
                        + "; node statuses above, logs in " + logs);
            }
        }
        // L2VNI 110 is in VRF red: on the netns datapath its VXLAN lives in the VRF's namespace.
        LinkCounters before = a0.vrfLinkCounters(L3_VRF, "vni110");
        PingResult ping = vm1.ping(vm2.ip(), 3, 0.2);
        LinkCounters after = a0.vrfLinkCounters(L3_VRF, "vni110");
        long seconds = elapsedMillis(started) / 1000;
        long mib = residentMib();
        System.out.printf("%s vm-1 (%s, %s) pings vm-2 (%s, %s): %d/%d replies; vni110 on %s sent %d packets"
                + " (tx %d -> %d)%n", CHECK_LINE, vm1.ip(), a0.cluster(), vm2.ip(), b0.cluster(), ping.received(),
                ping.transmitted(), a0.name(), after.txPackets() - before.txPackets(), before.txPackets(),
                after.txPackets());
        externalCheck(vm1, a0, logs);
        System.out.printf("up and pinging in %d s (budget %d s); all processes together %d MiB resident"
                + " (budget %d MiB)%n", seconds, BUDGET_SECONDS, mib, BUDGET_MIB);
    }

    /**
     * vm-1 GETs the external host's {@code /clientip} until it answers (the host session and the type-5 route may
     * still be converging), then pings it; the line names the address the host saw and what {@code vni100} carried.
     */
    private void externalCheck(Workload vm1, LabNode home, Path logs) {
        ExternalHostLayout ext = lab.externalHost().orElseThrow();
        String url = "http://" + ExternalHostLayout.ADDRESS + ":" + ExternalHostLayout.HTTP_PORT + "/clientip";
        long deadline = System.nanoTime() + WORKLOAD_TIMEOUT.toNanos();
        CommandResult answer = vm1.httpGet(url);
        while (!answer.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vm-1 got no answer from " + url + " within " + WORKLOAD_TIMEOUT
                        + " (last: " + answer + "); the host session is on " + ext.node().name() + ", logs in "
                        + logs);
            }
            answer = vm1.httpGet(url);
        }
        String seen = answer.stdout().strip();
        // agnhost's "<ip>:<port>": vm-1's own address means routed without NAT.
        boolean own = seen.startsWith(vm1.ip() + ":");
        LinkCounters before = home.vrfLinkCounters(L3_VRF, L3_VXLAN);
        PingResult ping = vm1.ping(ExternalHostLayout.ADDRESS, 3, 0.2);
        LinkCounters after = home.vrfLinkCounters(L3_VRF, L3_VXLAN);
        System.out.printf("%s vm-1 (%s) GET %s answered %s (%s); pings %s via %s: %d/%d replies; %s in VRF %s on %s"
                + " sent %d packets%n", EXTERNAL_CHECK_LINE, vm1.ip(), url, seen,
                own ? "its own address, no NAT" : "NOT vm-1's address", ExternalHostLayout.ADDRESS,
                ext.node().name(), ping.received(), ping.transmitted(), L3_VXLAN, L3_VRF, home.name(),
                after.txPackets() - before.txPackets());
    }

    private record Instance(String name, int httpPort, int grpcPort, List<String> command) {
    }

    private List<Instance> instances() {
        List<Instance> instances = new ArrayList<>();
        List<LabCluster> clusters = lab.clusters();
        for (int c = 0; c < clusters.size(); c++) {
            String cluster = clusters.get(c).name();
            int http = options.portBase() + 1 + 10 * c;
            Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of("openpe.cluster", cluster,
                    "openpe.intents.directory", intentsRoot.resolve(cluster).toString(),
                    "openpe.kubernetes.enabled", "false",
                    "openpe.bmp.address", lab.bmpAddress(),
                    "openpe.bmp.port", Integer.toString(options.bmpPort())));
            properties.putAll(intentServiceOverrides);
            instances.add(new Instance("intent-service " + cluster, http, http + 1000,
                    service(Service.INTENT_SERVICE, http, properties)));
        }
        int routeHttp = options.portBase() + 2;
        List<String> route = new ArrayList<>(service(Service.ROUTE_SERVICE, routeHttp, Map.of(
                "openpe.bmp.port", Integer.toString(options.bmpPort()),
                "openpe.bmp.allowed-cidrs", lab.bmpSourceCidr())));
        // Which cluster a BMP session belongs to, by the address it comes from.
        for (LabNode node : lab.nodes()) {
            route.add(route.size() - 2, "-Dopenpe.routers.\"" + node.managementAddress() + "\".cluster="
                    + node.cluster());
        }
        instances.add(new Instance("route-service", routeHttp, routeHttp + 1000, route));
        List<LabNode> nodes = lab.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            int http = options.portBase() + 101 + n;
            instances.add(new Instance("node-programmer " + nodes.get(n), http, http + 1000,
                    service(Service.NODE_PROGRAMMER, http, nodes.get(n).nodeProgrammerProperties())));
        }
        int migrationHttp = options.portBase() + 4;
        instances.add(new Instance("migration-coordinator", migrationHttp, migrationHttp + 1000,
                service(Service.MIGRATION_COORDINATOR, migrationHttp, Map.of())));
        return instances;
    }

    private List<String> service(Service service, int httpPort, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(LocalStack.java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.grpc.server.port=" + (httpPort + 1000)));
        command.addAll(aot.options(service, options.root()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(service.runnerJar(options.root()).toString());
        return command;
    }

    private static long elapsedMillis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Resident memory of this launcher, Kafka, every service and every process inside the fabric. */
    long residentMib() {
        long kib = 0;
        for (ProcessHandle process : processes()) {
            kib += residentKib(process.pid());
        }
        return kib / 1024;
    }

    /** Every process the stack runs: the launcher, its children and the FRR daemons in the lab's namespaces. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(ProcessHandle.current());
        services.forEach(s -> all.add(s.handle()));
        if (kafka != null) {
            all.add(kafka.handle());
        }
        if (lab != null) {
            for (String ns : lab.layout().namespaces()) {
                try {
                    Process pids = new ProcessBuilder("ip", "netns", "pids", ns).start();
                    String out = new String(pids.getInputStream().readAllBytes());
                    pids.waitFor();
                    out.lines().map(String::strip).filter(s -> s.matches("\\d+"))
                            .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(all::add));
                } catch (IOException e) {
                    // a namespace that is gone holds no process
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return all;
    }

    private static long residentKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    boolean anyServiceDied() {
        return services.stream().anyMatch(s -> !s.isAlive());
    }

    /** Services first (node-programmers stop touching the fabric), then Kafka, then the fabric itself. */
    @Override
    public synchronized void close() {
        if (printer != null) {
            printer.close();
        }
        // All at once: each may take its grace period, and a node-programmer must not outlive the fabric.
        List<Thread> stopping = services.stream().map(s -> Thread.ofPlatform().start(s::close)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (lab != null) {
            lab.close();
        }
        aot.create(options.root(), JVM_OPTIONS);
        if (printerThread != null) {
            printerThread.interrupt();
        }
    }
}
