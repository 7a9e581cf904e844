package io.openpe.e2e.fleet;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.openpe.intent.v1.NodePlan;
import io.openpe.lab.FabricLab;
import io.openpe.lab.LabCluster;
import io.openpe.lab.LabNode;
import io.openpe.lab.layout.FabricSpec;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.testkit.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Everything the end-to-end tests run against, started once per JVM ({@link FleetExtension}): one Kafka broker for
 * the fleet, the fabric lab (clusters {@code pe-kind-a} and {@code pe-kind-b}, two nodes each, FRR in every router
 * namespace), and the packaged services as processes the way an operator runs them: one intent-service per cluster
 * reading that cluster's intents directory, one node-programmer per node enacting it for real, route-service
 * receiving BMP from every node's FRR, migration-coordinator.
 */
public final class Fleet implements AutoCloseable {

    /**
     * Namespace and link prefix of this module's lab: one prefix per user of the machine, so two runs side by side
     * never collide; {@code -Dopenpe.e2e.prefix} or {@code OPENPE_E2E_PREFIX} picks another one (default {@code e2}).
     */
    public static final String PREFIX = System.getProperty("openpe.e2e.prefix",
            System.getenv().getOrDefault("OPENPE_E2E_PREFIX", "e2"));
    public static final int NODES_PER_CLUSTER = 2;
    private static final Duration READY = Duration.ofMinutes(3);

    private final Path root;
    private final Path work;
    private final FabricSpec spec;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private KafkaBroker broker;
    private FabricLab lab;
    private final Map<String, ClusterIntents> intents = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private TopicView<NodePlan> plans;
    private TopicView<NodeStatus> nodeStatus;
    private TopicView<EvpnRoute> evpnRoutes;
    private ManagedChannel routeChannel;
    private int bmpPort;
    private Duration startup;
    private boolean closed;

    private Fleet(Path root, Path work, FabricSpec spec) {
        this.root = root;
        this.work = work;
        this.spec = spec;
    }

    /** Starts the whole fleet; on any failure removes what was started and rethrows. */
    public static Fleet start() {
        return start(FabricSpec.seeds(PREFIX, NODES_PER_CLUSTER));
    }

    /**
     * Starts a fleet on the fabric {@code spec} (another prefix than {@link #PREFIX}: its logs go to
     * {@code target/e2e-logs-<prefix>}); with {@link FabricSpec#netnsVrfs()} every node-programmer runs the netns VRF
     * datapath ({@code openpe.node.vrf-datapath=netns}, from {@code LabNode#nodeProgrammerProperties()}).
     */
    public static Fleet start(FabricSpec spec) {
        Path root = Path.of(System.getProperty("openpe.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("openpe.e2e.logs", "target/e2e-logs")).toAbsolutePath();
        if (!spec.prefix().equals(PREFIX)) {
            work = work.resolveSibling(work.getFileName() + "-" + spec.prefix());
        }
        Fleet fleet = new Fleet(root, work, spec);
        // Ctrl-C or SIGTERM of the test JVM, also while starting: the store is never closed then, the hook still
        // stops the processes and removes the namespaces.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(fleet::close));
        Instant started = Instant.now();
        try {
            fleet.up();
        } catch (RuntimeException | Error e) {
            fleet.close();
            throw e;
        }
        fleet.startup = Duration.between(started, Instant.now());
        return fleet;
    }

    private void up() {
        FabricLab.unavailable().ifPresent(reason -> {
            throw new AssertionError("the end-to-end tests need root and FRR (" + reason + "); run the suite with"
                    + " -DexcludedGroups=root where they cannot run");
        });
        LeftoverProcesses.sweep(work);
        // The broker starts while the lab builds: both take seconds, neither needs the other.
        // A thread of its own, not the common pool: Kafka loads classes through the context class loader, which a
        // platform thread inherits from this one.
        CompletableFuture<KafkaBroker> kafka = new CompletableFuture<>();
        Thread.ofPlatform().name("e2e-kafka-start").start(() -> {
            try {
                KafkaBroker b = KafkaBroker.start();
                b.createOpenpeTopics();
                kafka.complete(b);
            } catch (Throwable e) {
                kafka.completeExceptionally(e);
            }
        });
        try {
            lab = FabricLab.up(spec);
            toClose.add(lab);
        } finally {
            broker = kafka.join();
            toClose.add(broker);
        }
        String bootstrap = broker.bootstrapServers();
        plans = view(TopicView.open(bootstrap, Topics.PLANS, NodePlan.parser()));
        nodeStatus = view(TopicView.open(bootstrap, Topics.NODE_STATUS, NodeStatus.parser()));
        evpnRoutes = view(TopicView.open(bootstrap, Topics.EVPN_ROUTES, EvpnRoute.parser()));

        bmpPort = FreePorts.take();
        startServices(bootstrap);
        routeChannel = NettyChannelBuilder.forAddress("127.0.0.1", services.get("route-service").grpcPort())
                .usePlaintext().build();
        awaitBmpSessions();
    }

    /**
     * Every node's FRR has its BMP session to route-service up (it connects once node-programmer rendered the
     * plan's BMP target, and retries with back-off while route-service starts). Without it no route reaches Kafka.
     */
    public void awaitBmpSessions() {
        Set<String> expected = lab.nodes().stream().map(LabNode::managementAddress).collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(READY);
        Set<String> up = Set.of();
        while (Instant.now().isBefore(deadline)) {
            up = routeService().listSessions(ListSessionsRequest.getDefaultInstance()).getSessionsList().stream()
                    .map(s -> s.getRouter().getAddress()).collect(Collectors.toSet());
            if (up.containsAll(expected)) {
                return;
            }
            // Another process's state over gRPC: no event to wait on.
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("BMP sessions up within " + READY + ": " + up + ", expected " + expected
                + "; see " + services.get("route-service").log());
    }

    private void startServices(String bootstrap) {
        Path logs = work.resolve("logs");
        Map<String, String> common = Map.of("kafka.bootstrap.servers", bootstrap,
                "quarkus.grpc.server.host", "127.0.0.1");

        Map<String, String> route = new LinkedHashMap<>(common);
        route.put("openpe.cluster", "fleet");
        // FRR in the router namespaces reaches the root namespace over the lab's management bridge.
        route.put("openpe.bmp.host", lab.bmpAddress());
        route.put("openpe.bmp.port", Integer.toString(bmpPort));
        route.put("openpe.bmp.allowed-cidrs", lab.bmpSourceCidr());
        // The nodes' BMP sessions come from their management addresses, which no plan names (plans know router ids
        // and VTEPs): the operator's mapping, so every route key carries its router's cluster from the first record.
        for (LabNode node : lab.nodes()) {
            route.put("openpe.routers." + node.managementAddress() + ".cluster", node.cluster());
        }
        // Every session's raw BMP bytes, kept with the logs: a failed run can be replayed with route-service decode.
        // route-service does not create the directory (a missing one closes every session), so it is made here.
        Path captures = work.resolve("bmp");
        try {
            Files.createDirectories(captures);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        route.put("openpe.bmp.capture-directory", captures.toString());
        start("route-service", "route-service", route, logs);

        for (LabCluster cluster : lab.clusters()) {
            ClusterIntents written = ClusterIntents.copy(root, cluster,
                    work.resolve("intents").resolve(cluster.name()));
            intents.put(cluster.name(), written);
            Map<String, String> intent = new LinkedHashMap<>(common);
            intent.put("openpe.cluster", cluster.name());
            intent.put("openpe.kubernetes.enabled", "false");
            intent.put("openpe.intents.directory", written.directory().toString());
            intent.put("openpe.intents.poll-interval-ms", "250");
            intent.put("openpe.bmp.address", lab.bmpAddress());
            intent.put("openpe.bmp.port", Integer.toString(bmpPort));
            start("intent-service", "intent-service-" + cluster.name(), intent, logs);
        }
        for (LabNode node : lab.nodes()) {
            Map<String, String> agent = new LinkedHashMap<>(common);
            agent.putAll(node.nodeProgrammerProperties());
            start("node-programmer", "node-programmer-" + node.name(), agent, logs);
        }
        Map<String, String> migration = new LinkedHashMap<>(common);
        migration.put("openpe.cluster", "fleet");
        start("migration-coordinator", "migration-coordinator", migration, logs);

        LeftoverProcesses.record(work, services.values());
        // Seven JVMs start in parallel; each is waited for with its own deadline.
        services.values().parallelStream().forEach(s -> s.awaitReady(READY));
    }

    private void start(String module, String name, Map<String, String> config, Path logs) {
        ServiceProcess process = ServiceProcess.start(root, module, name, config, logs);
        services.put(name, process);
        toClose.add(process);
    }

    /**
     * Kills service {@code name} with SIGKILL (no shutdown hook, no last status) and starts it again with the same
     * configuration on the same ports, as a crashed pod is restarted; returns once it is ready.
     */
    public void killAndRestart(String name) {
        kill(name);
        restart(name);
    }

    private <V extends com.google.protobuf.MessageLite> TopicView<V> view(TopicView<V> view) {
        toClose.add(view);
        return view;
    }

    /** Port of route-service's BMP listener (on {@code lab().bmpAddress()}). */
    public int bmpPort() {
        return bmpPort;
    }

    public FabricLab lab() {
        return lab;
    }

    public List<LabNode> nodes() {
        return lab.nodes();
    }

    public LabNode node(String cluster, int index) {
        return lab.cluster(cluster).node(index);
    }

    public ClusterIntents intents(String cluster) {
        return intents.get(cluster);
    }

    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no service " + name + " in the fleet: " + services.keySet());
        }
        return process;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public TopicView<NodePlan> plans() {
        return plans;
    }

    public TopicView<NodeStatus> nodeStatus() {
        return nodeStatus;
    }

    public TopicView<EvpnRoute> evpnRoutes() {
        return evpnRoutes;
    }

    public RouteServiceGrpc.RouteServiceBlockingStub routeService() {
        return RouteServiceGrpc.newBlockingStub(routeChannel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Stops the broker (every client sees it gone); its port and data stay for {@link #startBroker()}. */
    public void stopBroker() {
        broker.stop();
    }

    /** Starts the stopped broker again on the same port and log directory. */
    public void startBroker() {
        broker.startAgain();
    }

    /** SIGKILL to one service ({@link #service(String)} name): it withdraws nothing, flushes nothing. */
    public void kill(String name) {
        service(name).kill();
    }

    /**
     * Starts a killed service again on its ports with its configuration and waits until it is ready; for
     * route-service also until every node's BMP session is up again.
     */
    public void restart(String name) {
        restart(name, Map.of());
    }

    /** As {@link #restart(String)}, with {@code overrides} of its configuration (empty: the first start's). */
    public void restart(String name, Map<String, String> overrides) {
        ServiceProcess process = service(name).restart(overrides);
        LeftoverProcesses.record(work, services.values());
        process.awaitReady(READY);
        if (name.equals("route-service")) {
            awaitBmpSessions();
        }
    }

    /** The fleet's Kafka, for a test that starts a process of its own. */
    public String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    public Duration startup() {
        return startup;
    }

    public Path root() {
        return root;
    }

    /** Stops every service by PID, closes the views and the broker, removes the lab (reverse start order). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (routeChannel != null) {
            routeChannel.shutdownNow();
        }
        // Services first, in parallel: each gets its own grace period, and none may touch the lab after it is gone.
        services.values().parallelStream().forEach(ServiceProcess::close);
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (c instanceof ServiceProcess) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("e2e: closing " + c + " failed: " + e);
            }
        }
        LeftoverProcesses.clear(work);
    }
}
