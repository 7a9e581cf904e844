package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.e2e.fleet.ClusterIntents;
import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.e2e.fleet.ServiceProcess;
import io.openpe.e2e.fleet.TopicView;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.e2e.frr.FrrEvpnTable;
import io.openpe.intent.v1.NodePlan;
import io.openpe.lab.LabNode;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.RibView;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 on the fabric: faults of the broker, of route-service and of one node's bgpd against the packaged services,
 * with FRR as the witness. The faults disturb the shared fleet, so the module's failsafe runs this class in a JVM and
 * a fleet of its own (execution {@code faults}); each test also brings back what it broke, in a {@code finally}, and
 * leaves the fleet converged (every service ready, every BMP session up), asserted before and after each test.
 * Each test prints what it measured ({@code fault:} lines) for docs/faults.md. The broker test runs last, so that its
 * comparison of Kafka with every FRR follows the restarts of route-service and of a bgpd (their new BMP sessions'
 * initial dumps are when FRR 8.4 reports a router's own routes, the harder case for "nothing extra").
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsOnTheFabricE2E {

    /** How long a service may take to notice the broker is gone: the Kafka health check's 5 s timeouts, twice. */
    private static final Duration NOTICE = Duration.ofSeconds(60);
    /** A restarted broker, every client reconnected and every service ready again. */
    private static final Duration RECOVER = Duration.ofMinutes(3);

    @BeforeEach
    void theFleetIsConvergedBefore(Fleet fleet) {
        awaitConverged(fleet);
    }

    @AfterEach
    void theFleetIsConvergedAfter(Fleet fleet) {
        awaitConverged(fleet);
    }

    private static void awaitConverged(Fleet fleet) {
        awaitReadiness(fleet, true, RECOVER);
        fleet.awaitBmpSessions();
        assertTrue(fleet.nodes().stream().allMatch(LabNode::frrRunning), "every node's zebra and bgpd run");
    }

    /**
     * The broker stopped while routes change: every service says it is not ready, a MAC is withdrawn while Kafka is
     * away, the broker comes back on the same port and data, every service is ready again, and afterwards each
     * router's post-policy routes on {@code openpe.evpn-routes} are exactly the paths its FRR received: the withdrawal
     * made while the broker was down is on the topic, nothing is missing and nothing is extra.
     */
    @Test
    @Order(4)
    void brokerStoppedMidStreamAndRestartedOnTheSameData(Fleet fleet) {
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, fleet.node("pe-kind-a", 0));
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, fleet.node("pe-kind-b", 1));
            Overlay.awaitReachable(vm1, vm2.ip());
            awaitOnKafka(fleet, "vm-2's type-2 from B1 on Kafka", routes -> routes.stream()
                    .anyMatch(r -> r.getMac().equals(vm2.mac())));

            Instant stopped = Instant.now();
            fleet.stopBroker();
            Map<String, Duration> down;
            try {
                down = awaitReadiness(fleet, false, NOTICE);
                // Routes change while nobody can publish: route-service must deliver the withdrawal afterwards.
                withdraw(vm2);
                awaitFrr(fleet, "no FRR holds vm-2's MAC", table -> table.paths().stream()
                        .noneMatch(p -> p.mac().equals(vm2.mac())));
            } finally {
                fleet.startBroker();
            }
            Instant started = Instant.now();
            Map<String, Duration> up = awaitReadiness(fleet, true, RECOVER);
            System.out.printf("fault: broker stopped %s, every service DOWN within %s; started again after %s,"
                    + " every service ready within %s after the start%n", stopped, slowest(down),
                    Duration.between(stopped, started), slowest(up));
            System.out.println("fault: DOWN after " + down + "; UP after " + up);

            for (LabNode node : fleet.nodes()) {
                RouteAgreement.awaitEqual(fleet, node);
            }
            assertTrue(fleet.evpnRoutes().latest().values().stream().noneMatch(r -> r.getMac().equals(vm2.mac())),
                    "vm-2's routes, withdrawn while the broker was down, are gone from the topic");
        }
    }

    /**
     * route-service SIGKILLed; while it is down a MAC is withdrawn on every router; started again on the same ports,
     * it reconciles its topic with what the routers re-send: every record of that MAC gets a tombstone, the other
     * VM's routes stay.
     */
    @Test
    @Order(3)
    void routeServiceKilledWhileRoutesAreWithdrawnTombstonesThemAfterItsStart(Fleet fleet) {
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, fleet.node("pe-kind-a", 0));
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, fleet.node("pe-kind-b", 1));
            Overlay.awaitReachable(vm1, vm2.ip());
            // vm-2's type-2 seen by every router of cluster A (so there are records to tombstone).
            for (LabNode node : fleet.lab().cluster("pe-kind-a").nodes()) {
                awaitOnKafka(fleet, node + " reports vm-2's type-2", routes -> routes.stream().anyMatch(
                        r -> r.getMac().equals(vm2.mac()) && reportedBy(r, node)));
            }
            Set<String> vm2Keys = keysOf(fleet.evpnRoutes(), vm2.mac());
            int mark = fleet.evpnRoutes().size();

            Instant killed = Instant.now();
            fleet.kill("route-service");
            try {
                withdraw(vm2);
                awaitFrr(fleet, "no FRR holds vm-2's MAC", table -> table.paths().stream()
                        .noneMatch(p -> p.mac().equals(vm2.mac())));
            } finally {
                fleet.restart("route-service");
            }
            Instant restarted = Instant.now();

            Set<String> missing = new TreeSet<>();
            try {
                await("a tombstone for every record of vm-2's MAC").atMost(RECOVER)
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            Set<String> tombstoned = fleet.evpnRoutes().historySince(mark).stream()
                                    .filter(TopicView.Entry::tombstone).map(TopicView.Entry::key)
                                    .collect(Collectors.toSet());
                            missing.clear();
                            vm2Keys.stream().filter(k -> !tombstoned.contains(k)).forEach(missing::add);
                            return missing.isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("records of vm-2 with no tombstone after route-service's start: " + missing
                        + " (see " + fleet.service("route-service").log() + ")", e);
            }
            System.out.printf("fault: route-service SIGKILLed %s, ready again %s after the kill; %d tombstones for"
                    + " vm-2 within %s of the restart%n", killed, Duration.between(killed, restarted), vm2Keys.size(),
                    Duration.between(restarted, Instant.now()));
            assertTrue(keysOf(fleet.evpnRoutes(), vm2.mac()).isEmpty(), "no record of vm-2 left");
            assertTrue(fleet.evpnRoutes().latest().values().stream().anyMatch(r -> r.getMac().equals(vm1.mac())
                    && r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY), "vm-1's live routes stay");
        }
    }

    /**
     * bgpd of node A0 SIGKILLed: every other FRR and every other router's records on Kafka lose the routes with A0's
     * VTEP as next hop; bgpd started again from its frr.conf: they come back, A0's BMP session is up again, and vm-1
     * on A0 reaches vm-2 across the clusters.
     */
    @Test
    @Order(2)
    void bgpdKilledAndRestartedOnOneNodeWithdrawsItsRoutesThenBringsThemBack(Fleet fleet) {
        try (Workloads workloads = new Workloads(fleet.lab())) {
            LabNode victim = fleet.node("pe-kind-a", 0);
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, victim);
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, fleet.node("pe-kind-b", 1));
            Overlay.awaitReachable(vm1, vm2.ip());
            List<LabNode> others = fleet.nodes().stream().filter(n -> !n.name().equals(victim.name())).toList();
            awaitOnKafka(fleet, "vm-1's type-2 via A0 reported by every other router", routes -> others.stream()
                    .allMatch(n -> routes.stream().anyMatch(r -> reportedBy(r, n) && r.getMac().equals(vm1.mac())
                            && r.getNextHop().equals(victim.vtepIp()))));

            Instant killed = Instant.now();
            fleet.lab().killDaemon(victim, "bgpd");
            Instant withdrawnOnKafka;
            try {
                for (LabNode node : others) {
                    awaitFrr(node, node + " holds no path via A0's VTEP", table -> table.paths().stream()
                            .noneMatch(p -> p.nextHop().equals(victim.vtepIp())));
                }
                awaitOnKafka(fleet, "no other router's record via A0's VTEP", routes -> routes.stream()
                        .noneMatch(r -> !reportedBy(r, victim) && r.getNextHop().equals(victim.vtepIp())
                                && r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY));
                withdrawnOnKafka = Instant.now();
            } finally {
                fleet.lab().restartDaemon(victim, "bgpd");
            }
            Instant restarted = Instant.now();
            for (LabNode node : others) {
                awaitFrr(node, node + " holds vm-1's type-2 via A0 again", table -> table.paths().stream()
                        .anyMatch(p -> p.type() == 2 && p.mac().equals(vm1.mac())
                                && p.nextHop().equals(victim.vtepIp())));
            }
            try {
                awaitOnKafka(fleet, "vm-1's type-2 via A0 on Kafka again from every other router", routes -> others
                        .stream().allMatch(n -> routes.stream().anyMatch(r -> reportedBy(r, n)
                                && r.getMac().equals(vm1.mac()) && r.getNextHop().equals(victim.vtepIp())
                                && r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY)));
            } catch (ConditionTimeoutException e) {
                Map<String, List<String>> seen = new TreeMap<>();
                for (LabNode node : others) {
                    seen.put(node.toString(), fleet.evpnRoutes().latest().values().stream()
                            .filter(r -> reportedBy(r, node) && r.getMac().equals(vm1.mac()))
                            .map(r -> r.getView() + " via " + r.getNextHop()).sorted().toList());
                }
                throw new AssertionError("every other FRR holds vm-1's type-2 via A0 again, Kafka's post-policy"
                        + " records do not; vm-1's records per router: " + seen, e);
            }
            Overlay.awaitReachable(vm1, vm2.ip());
            fleet.awaitBmpSessions();
            System.out.printf("fault: bgpd of %s SIGKILLed %s, its routes gone from Kafka after %s; restarted after"
                    + " %s, routes, BMP and data plane back within %s of the restart%n", victim, killed,
                    Duration.between(killed, withdrawnOnKafka), Duration.between(killed, restarted),
                    Duration.between(restarted, Instant.now()));
            assertTrue(victim.frrRunning(), "zebra and bgpd of " + victim + " run");
        }
    }

    /**
     * FRR hung during an apply on the fabric: node A1's node-programmer runs with a 3 s program limit, its bgpd is
     * SIGSTOPped and an L2VNI is added to cluster A. The apply reports the timeout on the FRR part with the plan's
     * generation, the kernel part is applied anyway (the VXLAN link exists), and the agent goes on: after SIGCONT its
     * retry converges with no failed FRR object. The L2VNI is removed and the agent started again with its configuration.
     */
    @Test
    @Order(1)
    void frrHungDuringAnApplyFailsWithATimeoutAndTheLoopGoesOn(Fleet fleet) {
        LabNode hung = fleet.node("pe-kind-a", 1);
        String agent = "node-programmer-" + hung.name();
        ClusterIntents intents = fleet.intents("pe-kind-a");
        fleet.kill(agent);
        fleet.restart(agent, Map.of("openpe.node.program-timeout", "3s"));
        try {
            awaitNoFailure(fleet, hung, 0);
            Instant hungAt = Instant.now();
            fleet.lab().hangDaemon(hung, "bgpd");
            NodePlan plan;
            try {
                intents.put(HANG_FILE, ClusterIntents.l2vni("hang", HANG_VNI, "192.170.21.1/24"));
                plan = awaitPlan(fleet, hung, true);
                NodeStatus failed = await(hung + " reports the FRR timeout at generation " + plan.getGeneration())
                        .atMost(Overlay.CONVERGE).until(() -> fleet.nodeStatus().latest().get(key(hung)),
                                s -> s != null && s.getAppliedGeneration() >= plan.getGeneration()
                                        && s.getResultsList().stream().anyMatch(FaultsOnTheFabricE2E::timedOut));
                System.out.printf("fault: bgpd of %s SIGSTOPped; the apply of generation %d reported the timeout"
                        + " %s after the hang: %s%n", hung, plan.getGeneration(), Duration.between(hungAt,
                        Instant.now()), failed.getResultsList().stream().filter(FaultsOnTheFabricE2E::timedOut)
                        .map(r -> r.getObject() + ": " + r.getReason()).toList());
                assertTrue(hung.routerIp("link", "show", "vni" + HANG_VNI).ok(),
                        "the kernel part of the plan is applied on " + hung);
                assertTrue(fleet.service(agent).isAlive(), agent + " goes on");
            } finally {
                fleet.lab().resumeDaemon(hung, "bgpd");
            }
            Instant resumed = Instant.now();
            awaitNoFailure(fleet, hung, plan.getGeneration());
            System.out.printf("fault: bgpd of %s continued; the retry converged FRR within %s%n", hung,
                    Duration.between(resumed, Instant.now()));
            assertTrue(fleet.service(agent).isAlive(), agent + " still runs");
        } finally {
            intents.remove(HANG_FILE);
            for (LabNode node : fleet.lab().cluster("pe-kind-a").nodes()) {
                awaitNoFailure(fleet, node, awaitPlan(fleet, node, false).getGeneration());
            }
            fleet.kill(agent);
            fleet.restart(agent);
        }
    }

    /**
     * vm-2 leaves: unplugged, and its MAC forgotten by the bridges of its node's router namespace, where it was learnt
     * on the port from the host bridge (the kernel would age it out after 300 s; zebra withdraws the type-2 then).
     */
    private static void withdraw(Workload vm) {
        Workloads.unplug(vm);
        LabNode node = vm.node();
        JsonNode entries;
        try {
            entries = JSON.readTree(node.inRouter("bridge", "-j", "fdb", "show").orThrow().stdout());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (JsonNode entry : entries) {
            boolean learnt = entry.has("master") && !entry.path("state").asText("").equals("permanent")
                    && java.util.stream.StreamSupport.stream(entry.path("flags").spliterator(), false)
                    .noneMatch(f -> f.asText().equals("extern_learn"));
            if (learnt && entry.path("mac").asText("").equalsIgnoreCase(vm.mac())) {
                node.inRouter("bridge", "fdb", "del", vm.mac(), "dev", entry.path("ifname").asText(), "master")
                        .orThrow();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HANG_VNI = 121;
    private static final String HANG_FILE = "frr-hang.yaml";

    private static String key(LabNode node) {
        return Topics.nodeKey(node.cluster(), node.name());
    }

    private static boolean timedOut(ObjectResult result) {
        return result.getState() == ObjectResult.State.STATE_FAILED
                && result.getReason().contains("did not finish within 3 s");
    }

    private static NodePlan awaitPlan(Fleet fleet, LabNode node, boolean withVni) {
        return await("plan of " + node + (withVni ? " with" : " without") + " L2VNI " + HANG_VNI)
                .atMost(Overlay.CONVERGE).until(() -> fleet.plans().latest().get(key(node)), p -> p != null
                        && p.getL2DomainsList().stream().anyMatch(d -> d.getVni() == HANG_VNI) == withVni);
    }

    /**
     * node-status of {@code node} at {@code generation} or later with no failed FRR object (this kernel has no VRF
     * devices: the VRF objects always fail with "kernel lacks VRF support", it/e2e README).
     */
    private static void awaitNoFailure(Fleet fleet, LabNode node, long generation) {
        await(node + " converged at generation " + generation + " with no failed FRR object")
                .atMost(Overlay.CONVERGE).until(() -> fleet.nodeStatus().latest().get(key(node)), s -> s != null
                        && s.getAppliedGeneration() >= generation && s.getResultsList().stream()
                        .noneMatch(r -> r.getState() == ObjectResult.State.STATE_FAILED
                                && r.getObject().startsWith("frr ")));
    }

    /**
     * Waits until every service's readiness is {@code ready} (each seen once is enough: a service is not asked again
     * after it answered as wanted) and returns how long each took.
     */
    private static Map<String, Duration> awaitReadiness(Fleet fleet, boolean ready, Duration within) {
        Instant from = Instant.now();
        Map<String, Duration> seen = new ConcurrentHashMap<>();
        try {
            await("every service " + (ready ? "ready" : "not ready")).atMost(within)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        fleet.services().parallelStream().filter(s -> !seen.containsKey(s.name()))
                                .filter(s -> s.ready() == ready)
                                .forEach(s -> seen.put(s.name(), Duration.between(from, Instant.now())));
                        return seen.size() == fleet.services().size();
                    });
        } catch (ConditionTimeoutException e) {
            List<String> not = fleet.services().stream().map(ServiceProcess::name).filter(n -> !seen.containsKey(n))
                    .toList();
            throw new AssertionError("not " + (ready ? "ready" : "DOWN") + " within " + within + ": " + not, e);
        }
        return new TreeMap<>(seen);
    }

    private static Duration slowest(Map<String, Duration> durations) {
        return durations.values().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private static boolean reportedBy(EvpnRoute route, LabNode node) {
        return route.getRouter().getAddress().equals(node.managementAddress());
    }

    private static Set<String> keysOf(TopicView<EvpnRoute> routes, String mac) {
        return routes.latest().entrySet().stream().filter(e -> e.getValue().getMac().equals(mac))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void awaitOnKafka(Fleet fleet, String what,
            java.util.function.Predicate<java.util.Collection<EvpnRoute>> holds) {
        await(what).atMost(Overlay.CONVERGE).pollInterval(Duration.ofMillis(500))
                .until(() -> holds.test(fleet.evpnRoutes().latest().values()));
    }

    private static void awaitFrr(Fleet fleet, String what, java.util.function.Predicate<FrrEvpnTable> holds) {
        for (LabNode node : fleet.nodes()) {
            awaitFrr(node, node + ": " + what, holds);
        }
    }

    private static void awaitFrr(LabNode node, String what, java.util.function.Predicate<FrrEvpnTable> holds) {
        await(what).atMost(Overlay.CONVERGE).pollInterval(Duration.ofMillis(500)).until(() -> holds.test(
                FrrEvpnTable.parse(node.vtysh("show bgp l2vpn evpn json").orThrow().stdout())));
    }
}
