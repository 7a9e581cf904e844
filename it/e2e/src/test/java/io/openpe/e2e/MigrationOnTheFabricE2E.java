package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.e2e.fleet.ServiceProcess;
import io.openpe.e2e.fleet.TopicView;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.lab.LabNode;
import io.openpe.lab.PingResult;
import io.openpe.lab.PingRun;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.migration.kubevirt.KubevirtDouble;
import io.openpe.migration.kubevirt.MockCluster;
import io.openpe.migration.kubevirt.MockClusters;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RibView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9 in the fabric lab: vm-1 migrates from cluster A to cluster B through the packaged migration-coordinator
 * while vm-2 pings it. The coordinator runs as a process against two fabric8 mock API servers (one kubeconfig, one
 * context per cluster) on which the KubeVirt double plays KubeVirt's controllers; at the switchover the double's hook
 * re-plugs vm-1's namespace from node A0 into node B1 and sends the gratuitous ARP (the lab's {@code moveTo}), so the
 * EVPN move route-service then reports is FRR's own. The fleet's coordinator has no cluster configured; it is stopped
 * first, so exactly one decider and one dispatcher read the saga's topics. The coordinator asks the fleet's
 * route-service, so the saga's own baseline and verification see vm-1's MAC move to cluster B.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class MigrationOnTheFabricE2E {

    private static final String ID = "cross-cluster-demo";
    private static final String A = MockClusters.A;
    private static final String B = MockClusters.B;
    /** What each cluster's sync controller advertises (seed 003's halves of the migration range). */
    private static final String SYNC_A = "192.170.10.2:9185";
    private static final String SYNC_B = "192.170.10.128:9185";
    /** How often the double's controllers take a round: KubeVirt's own reaction time is not what is measured. */
    private static final Duration KUBEVIRT_ROUND = Duration.ofMillis(200);
    private static final Duration SAGA = Duration.ofMinutes(3);
    /** The forward steps the events must show, in saga order (Step labels). */
    private static final List<String> STEPS = List.of("pre-checks", "fabric-baseline", "ensure-network",
            "receiver-vm", "target-migration", "sync-address", "source-migration", "migrating", "verify-routes",
            "finalize");

    /** The saga's STEP_DONE of verify-routes: "MAC behind <vtep> in <cluster>, sequence <n> > baseline <m>". */
    private static final Pattern VERIFIED = Pattern.compile("MAC behind (\\S+) in (\\S+), sequence (\\d+) > baseline");

    /** The kinds in the fixtures, as their CRDs (intent-service's, Multus's, KubeVirt's) register them. */
    private static final Map<String, ResourceDefinitionContext> FIXTURE_KINDS = Map.of(
            "openpe.openperouter.github.io/v1alpha1/L2VNI", kind("openpe.openperouter.github.io", "v1alpha1",
                    "L2VNI", "l2vnis"),
            "k8s.cni.cncf.io/v1/NetworkAttachmentDefinition", kind("k8s.cni.cncf.io", "v1",
                    "NetworkAttachmentDefinition", "network-attachment-definitions"),
            "kubevirt.io/v1/VirtualMachine", kind("kubevirt.io", "v1", "VirtualMachine", "virtualmachines"));

    @Test
    void vm1MovesToClusterBWhileVm2PingsItAndTheFabricFollows(Fleet fleet) throws Exception {
        LabNode from = fleet.node(A, 0);
        // vm-2 on B0 and vm-1 onto B1: the layout of docs/benchmarks/fabric.md's moves (A0 to B1 with a B0 pinger).
        LabNode to = fleet.node(B, 1);
        // The mock servers log every request at INFO; the double's rounds would bury the fleet's lines.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        MockClusters mock = MockClusters.fresh();
        Map<String, KubernetesClient> clients = new LinkedHashMap<>();
        mock.all().forEach(cluster -> clients.put(cluster.name(), cluster.client()));

        fleet.service("migration-coordinator").close();
        try (Workloads workloads = new Workloads(fleet.lab());
                TopicView<MigrationEvent> events = TopicView.open(fleet.kafkaBootstrap(),
                        Topics.MIGRATION_EVENTS, MigrationEvent.parser())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, from);
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, fleet.node(B, 0));
            // From the .3 side first (as the other tests): both neighbour caches then hold the other's MAC.
            Overlay.awaitReachable(vm1, vm2.ip());
            Overlay.awaitReachable(vm2, vm1.ip());
            String mac = vm1.mac();
            MacLocation baseline = await("LocateMac of vm-1 behind " + from.vtepIp()).atMost(Overlay.CONVERGE)
                    .until(() -> locate(fleet, mac), l -> l.getVtep().equals(from.vtepIp()));

            ConcurrentLinkedQueue<String> switchovers = new ConcurrentLinkedQueue<>();
            AtomicReference<Instant> movedAt = new AtomicReference<>();
            KubevirtDouble kubevirt = new KubevirtDouble(clients, (namespace, vm, fromCluster, toCluster, arp) -> {
                switchovers.add(namespace + "/" + vm + " " + fromCluster + "->" + toCluster);
                if ("vm-1".equals(vm) && arp) {
                    vm1.moveTo(to, Workloads.BRIDGE_TIMEOUT);
                    movedAt.set(Instant.now());
                }
            });
            kubevirt.install(A, "kubevirt", "migration-evpn", true, SYNC_A);
            kubevirt.install(B, "kubevirt", "migration-evpn", true, SYNC_B);
            for (String cluster : List.of(A, B)) {
                load(mock.cluster(cluster), "workload.yaml");
            }
            load(mock.cluster(A), "source-vm.yaml");
            kubevirt.settle();

            ServiceProcess coordinator = startCoordinator(fleet, mock.kubeconfigPath());
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", coordinator.grpcPort())
                    .usePlaintext().build();
            try (KubevirtRounds rounds = KubevirtRounds.start(kubevirt);
                    PingRun ping = vm2.pingContinuously(vm1.ip(), 0.05)) {
                Instant started = Instant.now();
                MigrationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .start(StartRequest.newBuilder().setMigration(StartMigration.newBuilder()
                                .setMigrationId(ID).setVmName("vm-1")
                                .setSource(ClusterRef.newBuilder().setName(A).setNamespace("default"))
                                .setTarget(ClusterRef.newBuilder().setName(B).setNamespace("default"))
                                .setMigrationNetwork("migration")).build());
                MigrationSnapshot end = await("migration " + ID + " ends").atMost(SAGA)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> MigrationServiceGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(10, TimeUnit.SECONDS)
                                .get(GetRequest.newBuilder().setMigrationId(ID).build()).getMigration(),
                                s -> isFinal(s.getPhase()) || rounds.failure() != null);
                Instant ended = Instant.now();
                PingResult loss = ping.stop();
                rounds.rethrow();

                List<MigrationEvent> history = events.history().stream().filter(e -> ID.equals(e.key()))
                        .map(TopicView.Entry::value).toList();
                String lines = history.stream().map(e -> e.getKind() + " " + e.getStep() + " " + e.getMessage())
                        .collect(Collectors.joining("\n  "));
                assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), "end " + end + "; events:\n  " + lines);
                assertEquals(List.of(), end.getWarningsList(), "no post-check warning; events:\n  " + lines);
                // The saga's baseline is route-service's answer before the move: vm-1 behind A0 in cluster A.
                assertEquals(A, end.getBaselineCluster(), lines);
                assertEquals(baseline.getMobilitySequence(), end.getBaselineSequence(), lines);
                String verified = history.stream()
                        .filter(e -> e.getKind() == EventKind.EVENT_KIND_STEP_DONE && e.getStep().equals("verify-routes"))
                        .map(MigrationEvent::getMessage).findFirst()
                        .orElseThrow(() -> new AssertionError("no STEP_DONE verify-routes:\n  " + lines));
                Matcher seen = VERIFIED.matcher(verified);
                assertTrue(seen.find(), verified);
                assertEquals(to.vtepIp(), seen.group(1), verified);
                assertEquals(B, seen.group(2), verified);
                assertTrue(Long.parseLong(seen.group(3)) > baseline.getMobilitySequence(), verified);
                Set<String> stepsSeen = history.stream().map(MigrationEvent::getStep).collect(Collectors.toSet());
                assertTrue(stepsSeen.containsAll(STEPS), "every step on " + Topics.MIGRATION_EVENTS + ":\n  " + lines);
                assertTrue(history.stream().anyMatch(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED), lines);
                assertEquals(List.of("default/vm-1 " + A + "->" + B), List.copyOf(switchovers));
                assertEquals("Always", runStrategy(mock, B), "vm-1 runs in " + B);
                assertEquals("Halted", runStrategy(mock, A), "vm-1 halted in " + A);

                // The fabric followed: route-service names B0's VTEP with a mobility sequence above the baseline.
                MacLocation moved = await("LocateMac of vm-1 behind " + to.vtepIp()).atMost(Overlay.CONVERGE)
                        .until(() -> locate(fleet, mac), l -> l.getVtep().equals(to.vtepIp()));
                assertEquals(B, moved.getCluster());
                assertTrue(moved.getMobilitySequence() > baseline.getMobilitySequence(),
                        "sequence " + moved.getMobilitySequence() + " after " + baseline.getMobilitySequence());
                EvpnRoute advertised = await("post-policy type-2 of vm-1 from " + to.vtepIp())
                        .atMost(Overlay.CONVERGE)
                        .until(() -> fleet.evpnRoutes().latest().values().stream()
                                .filter(r -> r.getRouteType() == 2 && r.getVni() == 110
                                        && r.getMac().equalsIgnoreCase(mac)
                                        && r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY
                                        && r.getNextHop().equals(to.vtepIp()))
                                .findFirst(), java.util.Optional::isPresent).orElseThrow();
                assertTrue(advertised.getHasMacMobility()
                        && advertised.getMacMobilitySequence() > baseline.getMobilitySequence(), advertised.toString());

                Instant pivoted = history.stream().filter(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED).findFirst()
                        .map(e -> Instant.ofEpochSecond(e.getAt().getSeconds(), e.getAt().getNanos()))
                        .orElseThrow();
                System.out.printf("fabric migration: start to pivot %d ms, start to end %d ms, guest moved %d ms"
                                + " after start; ping vm-2 -> vm-1 every 50 ms: %d sent, %d lost (%.1f %%)%n",
                        Duration.between(started, pivoted).toMillis(), Duration.between(started, ended).toMillis(),
                        Duration.between(started, movedAt.get()).toMillis(), loss.transmitted(), loss.lost(),
                        100 * loss.loss());
                System.out.println("fabric migration events:\n  " + lines);
            } finally {
                channel.shutdownNow();
                coordinator.close();
            }
        }
    }

    private static ResourceDefinitionContext kind(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /** The coordinator as an operator runs it, pointed at both mock API servers through one kubeconfig. */
    private static ServiceProcess startCoordinator(Fleet fleet, Path kubeconfig) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", fleet.kafkaBootstrap());
        config.put("quarkus.grpc.server.host", "127.0.0.1");
        config.put("openpe.cluster", "fm");
        for (String cluster : List.of(A, B)) {
            config.put("openpe.migration.clusters." + cluster + ".kubeconfig", kubeconfig.toString());
            config.put("openpe.migration.clusters." + cluster + ".context", cluster);
        }
        // The saga's own fabric-baseline and verify-routes ask the fleet's route-service (LocateMac, WatchMac).
        config.put("openpe.migration.route-service", "127.0.0.1:" + fleet.service("route-service").grpcPort());
        config.put("openpe.migration.route-service-watch", "5s");
        config.put("openpe.migration.saga.deadline.verify-routes", "1m");
        config.put("openpe.migration.saga.poll-interval", "250ms");
        config.put("openpe.migration.saga.retry-backoff", "250ms");
        config.put("openpe.migration.saga.tick", "250ms");
        ServiceProcess process = ServiceProcess.start(fleet.root(), "migration-coordinator",
                "migration-coordinator-fabric", config,
                Path.of(System.getProperty("openpe.e2e.logs", "target/e2e-logs")).resolve("logs"));
        try {
            return process.awaitReady(Duration.ofMinutes(3));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    private static MacLocation locate(Fleet fleet, String mac) {
        return fleet.routeService().locateMac(LocateMacRequest.newBuilder().setVni(110).setMac(mac).build())
                .getLocation();
    }

    private static boolean isFinal(Phase phase) {
        return phase == Phase.PHASE_SUCCEEDED || phase == Phase.PHASE_FAILED || phase == Phase.PHASE_CANCELLED
                || phase == Phase.PHASE_REFUSED;
    }

    /** vm-1's {@code spec.runStrategy} on one mock API server, read with plain fabric8. */
    private static String runStrategy(MockClusters mock, String cluster) {
        GenericKubernetesResource vm = mock.cluster(cluster).client()
                .genericKubernetesResources(FIXTURE_KINDS.get("kubevirt.io/v1/VirtualMachine")).inNamespace("default")
                .withName("vm-1").get();
        Object spec = vm == null ? null : vm.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> map ? String.valueOf(map.get("runStrategy")) : null;
    }

    /** Creates the objects of one of migration-coordinator's fixtures (seed 000/003 YAML) on a mock cluster. */
    private static void load(MockCluster cluster, String fixture) {
        try (InputStream in = KubevirtDouble.class.getResourceAsStream("/io/openpe/migration/step/" + fixture)) {
            for (HasMetadata item : cluster.client().load(in).items()) {
                GenericKubernetesResource object = (GenericKubernetesResource) item;
                ResourceDefinitionContext kind = FIXTURE_KINDS.get(object.getApiVersion() + "/" + object.getKind());
                if (kind == null) {
                    throw new IllegalArgumentException(fixture + ": unexpected " + object.getApiVersion() + "/"
                            + object.getKind());
                }
                cluster.client().genericKubernetesResources(kind)
                        .inNamespace(object.getMetadata().getNamespace()).resource(object).create();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * KubeVirt's controllers: a round of the double every {@link #KUBEVIRT_ROUND}, on a thread of its own, until
     * closed. A failure (the lab's move, an API error) stops the rounds and is rethrown by the test.
     */
    private static final class KubevirtRounds implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private KubevirtRounds(KubevirtDouble kubevirt) {
            thread = Thread.ofPlatform().name("kubevirt-double").daemon().unstarted(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        kubevirt.advance();
                        // A controller's pace, not a wait for a condition: the double is driven, not timed.
                        Thread.sleep(KUBEVIRT_ROUND);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        }

        static KubevirtRounds start(KubevirtDouble kubevirt) {
            KubevirtRounds rounds = new KubevirtRounds(kubevirt);
            rounds.thread.start();
            return rounds;
        }

        Throwable failure() {
            return failure.get();
        }

        void rethrow() {
            if (failure.get() != null) {
                throw new AssertionError("the KubeVirt double failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(30));
        }
    }
}
