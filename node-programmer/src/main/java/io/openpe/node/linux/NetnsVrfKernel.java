package io.openpe.node.linux;

import io.openpe.node.desired.CapabilityFinding;
import io.openpe.node.desired.DesiredObject;
import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.VrfNamespaceLayout;
import io.openpe.node.kernel.KernelChange;
import io.openpe.node.kernel.Side;
import io.openpe.rules.CommandToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The netns VRF datapath: each VRF is a network namespace {@code <router>-vrf-<name>} (FRR's zebra {@code -n}
 * backend) instead of a VRF device. The router namespace keeps the underlay, the NICs, the VTEP and the domains
 * outside VRFs; a VRF's namespace holds its L3VNI bridge and VXLAN, its L2VNIs' gateway bridges, VXLANs and veths,
 * its host-session veth ({@link VrfNamespaceLayout}). VXLANs are created in the router namespace and moved in.
 *
 * <p>Each namespace is converged by its own {@link LinuxKernel}, which reads before it writes, so an unchanged node
 * costs no write here either; the host side is shared, and each adapter sees only the host links of its VNIs. A
 * VRF namespace the plan no longer has is emptied (its veths' host ends go with them), hidden from zebra and
 * deleted. The namespace name starts with the router's, so nodes on one machine never collide.
 */
public final class NetnsVrfKernel {

    static final String SEPARATOR = "-vrf-";
    private static final Path RUN_NETNS = Path.of("/run/netns");
    /** zebra drops a deleted link within milliseconds; under load, a few seconds. */
    private static final Duration ZEBRA_LETS_GO = Duration.ofSeconds(15);

    private final Namespaces namespaces;
    private final Optional<FrrNetnsView> frrView;

    /** @param zebraPidFile empty: no FRR on this node (kernel-only labs), nothing to show to zebra */
    public NetnsVrfKernel(Namespaces namespaces, Optional<Path> zebraPidFile) {
        this.namespaces = namespaces;
        this.frrView = zebraPidFile.map(FrrNetnsView::new);
    }

    public static String namespaceFor(String routerNamespace, String vrf) {
        return routerNamespace + SEPARATOR + vrf;
    }

    /** What {@link #prepare} did: writes and failures by object id, to be reported with the kernel's results. */
    public record Prepared(int writes, Map<String, String> failed) {

        /** Whether VRF {@code vrf} already failed in this preparation. */
        public boolean failed(String vrf) {
            return failed.containsKey(vrfId(vrf));
        }

        /** This preparation with a failure for each VRF of {@code reasons} (by VRF name) that has none yet. */
        public Prepared withVrfFailures(Map<String, String> reasons) {
            Map<String, String> all = new LinkedHashMap<>(failed);
            reasons.forEach((vrf, reason) -> all.putIfAbsent(vrfId(vrf), reason));
            return new Prepared(writes, all);
        }
    }

    /**
     * Before FRR is configured: the namespace of every VRF of the plan exists and zebra sees it under the VRF's name,
     * so {@code vrf red} / {@code vni 100} find their VRF.
     */
    public Prepared prepare(VrfNamespaceLayout layout) {
        int writes = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        Set<String> present = ourNamespaces();
        List<String> missing = layout.vrfs().keySet().stream()
                .filter(vrf -> !present.contains(namespaceFor(namespaces.router(), vrf))).toList();
        // One ip -batch for all of them: a process per namespace was a tenth of converging 100 VRFs.
        Map<Integer, String> errors = IpBatch.run(new Netns(Optional.empty()), missing.stream()
                .map(vrf -> "netns add " + CommandToken.requireSafe(namespaceFor(namespaces.router(), vrf)))
                .toList());
        writes += missing.size();
        errors.forEach((i, error) -> failed.put(vrfId(missing.get(i)), "ip netns add "
                + namespaceFor(namespaces.router(), missing.get(i)) + ": " + error));
        if (frrView.isPresent()) {
            Optional<String> problem = frrView.get().problem();
            if (problem.isPresent()) {
                layout.vrfs().keySet().forEach(vrf -> failed.putIfAbsent(vrfId(vrf), problem.get()));
                return new Prepared(writes, failed);
            }
            Map<String, Long> visible = frrView.get().visible();
            for (String vrf : layout.vrfs().keySet()) {
                if (failed.containsKey(vrfId(vrf))) {
                    continue;
                }
                Optional<Long> inode = FrrNetnsView.inode(RUN_NETNS.resolve(namespaceFor(namespaces.router(), vrf)));
                if (inode.isPresent() && !inode.equals(Optional.ofNullable(visible.get(vrf)))) {
                    writes++;
                    frrView.get().show(vrf, namespaceFor(namespaces.router(), vrf))
                            .ifPresent(error -> failed.put(vrfId(vrf), error));
                }
            }
        }
        return new Prepared(writes, failed);
    }

    /** What {@link #retireStale} did to the VRF namespaces the plan no longer has. */
    public record Retired(List<KernelChange> changes, List<ObjectResult> results, int writes) {

        public static final Retired NOTHING = new Retired(List.of(), List.of(), 0);
    }

    /**
     * Before FRR drops a VRF's configuration, each VRF namespace the plan no longer has is emptied, hidden from zebra
     * and deleted, in that order and only once zebra has let go of its interfaces. FRR 8.4.4's zebra {@code -n}
     * aborts (route_unlock_node assertion in if_delete_update) when a namespace leaves its /run/netns while it still
     * holds the VRF's links (zebra_ns_delete tears them down by hand); links deleted one by one reach it as ordinary
     * netlink deletions, which it handles. So the links go first, then the agent waits until zebra lists no more than
     * {@code lo} in the VRF ({@code zebraInterfaces}), and only then removes the entry. A zebra that keeps the links
     * past the wait keeps the namespace too: the removal fails with the reason and the next pass tries again, rather
     * than kill zebra. zebra hidden first also lets go of the VRF before {@code no vrf} reaches it.
     *
     * @param zebraInterfaces VRF name → the interfaces zebra holds in it; empty when zebra cannot be asked
     */
    public Retired retireStale(DesiredState desired, VrfNamespaceLayout layout,
            Function<String, Optional<List<String>>> zebraInterfaces) {
        List<KernelChange> changes = new ArrayList<>();
        List<ObjectResult> results = new ArrayList<>();
        int writes = 0;
        List<String> deletable = new ArrayList<>();
        Set<Long> planned = new HashSet<>();
        desired.kernel().forEach(o -> VrfNamespaceLayout.vniOf(o.object()).ifPresent(planned::add));
        Map<String, Set<Long>> staleVnis = new TreeMap<>(presentVnis());
        staleVnis.keySet().removeAll(layout.vrfs().keySet());
        // One host read for all of them, as in a round: each empties only the host links of its own VNIs.
        Optional<List<KernelReader.Link>> host = staleVnis.isEmpty() ? Optional.empty()
                : Optional.of(KernelReader.links(Netns.of(namespaces, Side.HOST)));
        for (Map.Entry<String, Set<Long>> stale : staleVnis.entrySet()) {
            String name = stale.getKey();
            String namespace = namespaceFor(namespaces.router(), name);
            Namespaces inside = new Namespaces(namespace, namespaces.host());
            Set<Long> owned = stale.getValue();
            // Emptied first: zebra must see the links go, and a veth's host end would outlive a namespace zebra
            // still holds open. A host bridge of a VNI the plan keeps (an L2VNI leaving the VRF) stays: its
            // workloads stay attached while the router namespace takes the VNI over.
            KernelEnactment emptied = new LinuxKernel(inside,
                    ownedBy(vni -> owned.contains(vni) && !planned.contains(vni)),
                    Optional.of(Netns.of(namespaces, Side.ROUTER)), host)
                    .apply(scope(desired, inside, List.of()));
            changes.addAll(emptied.changes());
            writes += emptied.writes();
            List<String> errors = new ArrayList<>(emptied.failures().stream()
                    .map(f -> f.object() + ": " + f.reason()).toList());
            boolean shown = frrView.isPresent() && frrView.get().problem().isEmpty()
                    && frrView.get().visible().containsKey(name);
            if (errors.isEmpty() && shown) {
                Optional<String> held = awaitZebraLetsGo(name, zebraInterfaces);
                if (held.isPresent()) {
                    errors.add(held.get());
                } else {
                    writes++;
                    frrView.get().hide(name).ifPresent(errors::add);
                }
            }
            if (errors.isEmpty() && !CommandToken.PATTERN.matcher(namespace).matches()) {
                errors.add("not a namespace name the agent makes; remove it by hand");
            }
            if (errors.isEmpty()) {
                deletable.add(name);
            } else {
                results.add(ObjectResult.failed(removed(name), Optional.empty(), String.join("; ", errors)));
            }
        }
        // One ip -batch deletes them all: a process per namespace cost as much as emptying it.
        Map<Integer, String> failures = IpBatch.run(new Netns(Optional.empty()), deletable.stream()
                .map(vrf -> "netns del " + CommandToken.requireSafe(namespaceFor(namespaces.router(), vrf))).toList());
        writes += deletable.size();
        for (int i = 0; i < deletable.size(); i++) {
            String name = deletable.get(i);
            results.add(failures.containsKey(i) ? ObjectResult.failed(removed(name), Optional.empty(),
                    "ip netns del " + namespaceFor(namespaces.router(), name) + ": " + failures.get(i))
                    : ObjectResult.applied(removed(name), Optional.empty()));
        }
        return new Retired(changes, results, writes);
    }

    private String removed(String vrf) {
        return "removed " + vrfId(vrf) + " (namespace " + namespaceFor(namespaces.router(), vrf) + ")";
    }

    /** Waits (bounded) until zebra holds nothing but {@code lo} in VRF {@code vrf}; the reason when it still does. */
    private static Optional<String> awaitZebraLetsGo(String vrf,
            Function<String, Optional<List<String>>> zebraInterfaces) {
        long deadline = System.nanoTime() + ZEBRA_LETS_GO.toNanos();
        List<String> held = List.of();
        while (true) {
            Optional<List<String>> interfaces = zebraInterfaces.apply(vrf);
            if (interfaces.isEmpty()) {
                return Optional.of("zebra cannot be asked which interfaces it holds in VRF " + vrf
                        + "; namespace kept (FRR 8.4 zebra aborts when a namespace it holds links of goes)");
            }
            held = interfaces.get().stream().filter(i -> !i.equals("lo")).toList();
            if (held.isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("zebra still holds " + held + " in VRF " + vrf + " after "
                        + ZEBRA_LETS_GO.toSeconds() + " s; namespace kept (FRR 8.4 zebra aborts when a namespace it"
                        + " holds links of goes), retried next pass");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * After FRR: the router namespace and every VRF namespace of the plan are converged ({@link #retireStale}'s
     * removals reported with them). A domain that changes namespace (an L2VNI gaining or losing its VRF) has
     * its old links in one adapter's view while the other creates the new ones; when a round fails, a second one
     * starts from what the first left, which by then is only the new place's work.
     */
    public KernelEnactment apply(DesiredState desired, VrfNamespaceLayout layout, Prepared prepared,
            Retired retired) {
        List<KernelChange> changes = new ArrayList<>(retired.changes());
        List<ObjectResult> removals = retired.results();
        int writes = prepared.writes() + retired.writes();
        Round round = round(desired, layout, prepared);
        if (round.results().stream().anyMatch(ObjectResult::failed) && round.writes() > 0) {
            changes.addAll(round.changes());
            writes += round.writes();
            round = round(desired, layout, prepared);
        }
        changes.addAll(round.changes());
        writes += round.writes();
        List<ObjectResult> results = new ArrayList<>(round.results());
        results.addAll(removals);
        return new KernelEnactment(changes, results, writes, List.of());
    }

    private record Round(List<KernelChange> changes, List<ObjectResult> results, int writes) {
    }

    private Round round(DesiredState desired, VrfNamespaceLayout layout, Prepared prepared) {
        Map<String, Set<Long>> presentVnis = presentVnis();
        Set<Long> vrfVnis = new HashSet<>(layout.vniToVrf().keySet());
        presentVnis.values().forEach(vrfVnis::addAll);

        List<KernelChange> changes = new ArrayList<>();
        List<ObjectResult> results = new ArrayList<>();
        KernelEnactment routerResult = new LinuxKernel(namespaces, ownedBy(vni -> !vrfVnis.contains(vni)),
                Optional.empty(), Optional.empty()).apply(scope(desired, namespaces, layout.router()));
        changes.addAll(routerResult.changes());
        results.addAll(routerResult.results());
        int writes = routerResult.writes();

        Netns routerNetns = Netns.of(namespaces, Side.ROUTER);
        // One host read for every VRF namespace: each writes only the host links of its own VNIs, which no other
        // sees, so what the others read stays true for them.
        Optional<List<KernelReader.Link>> host = layout.vrfs().isEmpty() ? Optional.empty()
                : Optional.of(KernelReader.links(Netns.of(namespaces, Side.HOST)));
        for (Map.Entry<String, List<DesiredObject>> vrf : layout.vrfs().entrySet()) {
            String name = vrf.getKey();
            SourceRef source = vrf.getValue().getFirst().source();
            String failure = prepared.failed().get(vrfId(name));
            if (failure != null && !Files.exists(RUN_NETNS.resolve(namespaceFor(namespaces.router(), name)))) {
                results.add(ObjectResult.failed(vrfId(name), Optional.of(source), failure));
                vrf.getValue().forEach(o -> results.add(ObjectResult.failed(inVrf(name, o.object().id()),
                        Optional.of(o.source()), "VRF " + name + " unavailable: " + failure)));
                continue;
            }
            results.add(failure == null ? ObjectResult.applied(vrfId(name), Optional.of(source))
                    : ObjectResult.failed(vrfId(name), Optional.of(source), failure));
            Set<Long> owned = new HashSet<>(presentVnis.getOrDefault(name, Set.of()));
            layout.vniToVrf().forEach((vni, v) -> {
                if (v.equals(name)) {
                    owned.add(vni);
                }
            });
            Namespaces inside = new Namespaces(namespaceFor(namespaces.router(), name), namespaces.host());
            KernelEnactment result = new LinuxKernel(inside, ownedBy(owned::contains), Optional.of(routerNetns),
                    host).apply(scope(desired, inside, vrf.getValue()));
            changes.addAll(result.changes());
            result.results().forEach(r -> results.add(new ObjectResult(inVrf(name, r.object()), r.source(),
                    r.state(), r.reason())));
            writes += result.writes();
        }
        return new Round(changes, results, writes);
    }

    /** The VNIs of the links of our scheme in each of this node's VRF namespaces, by VRF name. */
    private Map<String, Set<Long>> presentVnis() {
        Map<String, Set<Long>> present = new TreeMap<>();
        for (String namespace : ourNamespaces()) {
            present.put(namespace.substring(namespaces.router().length() + SEPARATOR.length()), vnisIn(namespace));
        }
        return present;
    }

    /** This node's VRF namespaces, by name: {@code <router>-vrf-*} in /run/netns. */
    Set<String> ourNamespaces() {
        String prefix = namespaces.router() + SEPARATOR;
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(RUN_NETNS)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                    .forEach(names::add);
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + RUN_NETNS + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static Set<Long> vnisIn(String namespace) {
        Set<Long> vnis = new HashSet<>();
        for (KernelReader.Link link : KernelReader.links(new Netns(Optional.of(namespace)))) {
            VrfNamespaceLayout.vniOfLink(link.name()).ifPresent(vnis::add);
        }
        return vnis;
    }

    /** Host links not of our scheme are visible to every adapter; a link of our scheme to the owner of its VNI. */
    private static Predicate<String> ownedBy(Predicate<Long> ownsVni) {
        return name -> {
            OptionalLong vni = VrfNamespaceLayout.vniOfLink(name);
            return vni.isEmpty() || ownsVni.test(vni.getAsLong());
        };
    }

    private static DesiredState scope(DesiredState desired, Namespaces namespaces, List<DesiredObject> objects) {
        return new DesiredState(namespaces, objects, desired.frr(), List.of());
    }

    static String vrfId(String vrf) {
        return "vrf " + vrf;
    }

    private static String inVrf(String vrf, String object) {
        return object + " (vrf " + vrf + ")";
    }
}
