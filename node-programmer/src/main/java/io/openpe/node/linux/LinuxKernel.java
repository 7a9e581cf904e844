package io.openpe.node.linux;

import io.openpe.node.desired.CapabilityFinding;
import io.openpe.node.desired.DesiredObject;
import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.KernelChange;
import io.openpe.node.kernel.KernelDiff;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.KernelState;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The kernel adapter: reads what is there, diffs it against the desired state and applies the difference with one
 * {@code ip -batch} process per {@link Phase} that has commands; a sysctl that differs is written to
 * {@code /proc/sys} from inside the namespace. Nothing is written when nothing differs.
 *
 * <p>A change that names a link which will not exist (a VRF this kernel cannot create, an operator's bridge that is
 * missing) fails before anything is sent, with the reason, and the rest applies. Once the kernel refused to create a
 * VRF, later applies fail VRFs at once without trying again.
 */
public final class LinuxKernel {

    static final String NO_VRF = "kernel lacks VRF support";

    private final Namespaces namespaces;
    private final Predicate<String> hostLinkVisible;
    private final Optional<Netns> vxlanOrigin;
    private final Optional<List<KernelReader.Link>> hostLinks;
    private Optional<CapabilityFinding> vrfSupport = Optional.empty();

    public LinuxKernel(Namespaces namespaces) {
        this(namespaces, name -> true, Optional.empty(), Optional.empty());
    }

    /**
     * A kernel adapter that sees only part of the host side and creates VXLANs elsewhere: the netns datapath runs one
     * per VRF namespace (as its "router" namespace), each owning the host links of its VNIs.
     *
     * @param hostLinkVisible which host links this adapter reads (and so may delete or pair)
     * @param vxlanOrigin     the namespace that creates VXLANs for the router namespace: their underlay socket and
     *                        lookups stay there, and zebra only recognises a VXLAN of a VRF namespace whose link
     *                        namespace is the underlay's (FRR #19403)
     * @param hostLinks       the host side as already read, when several adapters share one read; else a dump
     */
    LinuxKernel(Namespaces namespaces, Predicate<String> hostLinkVisible, Optional<Netns> vxlanOrigin,
            Optional<List<KernelReader.Link>> hostLinks) {
        this.namespaces = namespaces;
        this.hostLinkVisible = hostLinkVisible;
        this.vxlanOrigin = vxlanOrigin;
        this.hostLinks = hostLinks;
    }

    public KernelState read(List<String> sysctlKeys) {
        return KernelReader.read(namespaces, sysctlKeys, hostLinkVisible, hostLinks);
    }

    public KernelEnactment apply(DesiredState desired) {
        List<String> sysctlKeys = desired.kernelObjects().stream()
                .filter(Sysctl.class::isInstance).map(o -> ((Sysctl) o).key()).toList();
        KernelState actual = read(sysctlKeys);
        List<KernelChange> changes = KernelDiff.between(desired.kernelObjects(), actual);
        return enact(desired, actual, changes);
    }

    private KernelEnactment enact(DesiredState desired, KernelState actual, List<KernelChange> changes) {
        Map<String, DesiredObject> wanted = new LinkedHashMap<>();
        desired.kernel().forEach(d -> wanted.put(d.object().id(), d));
        Map<String, String> failed = new LinkedHashMap<>();
        int writes = 0;

        BatchLines lines = new BatchLines(Netns.of(namespaces, Side.ROUTER).reference(),
                Netns.of(namespaces, Side.HOST).reference());
        LinkPresence links = new LinkPresence(actual);
        Map<Phase, List<String>> batches = new EnumMap<>(Phase.class);
        Map<Phase, List<String>> owners = new EnumMap<>(Phase.class);
        // By identity, not id: a replacement is a delete and a create of the same id.
        Map<KernelChange, List<BatchLine>> linesByChange = new IdentityHashMap<>();
        for (KernelChange change : changes) {
            List<BatchLine> changeLines = new ArrayList<>(lines.of(change));
            changeLines.addAll(nicAddressesCarriedAlong(change, actual));
            linesByChange.put(change, changeLines);
        }
        Map<Phase, List<LinkRemoval.Line>> removals = removals(changes, linesByChange, actual);
        // Every line is built (and its values checked) before the first command of the pass runs.
        writes += writeSysctls(changes, failed);

        // Links that go, first and together per side, before anything is created (VRFs too): their names are free.
        for (Map.Entry<Phase, List<LinkRemoval.Line>> removal : removals.entrySet()) {
            List<LinkRemoval.Line> removalLines = removal.getValue();
            Map<Integer, String> errors = IpBatch.run(Netns.of(namespaces, removal.getKey().side),
                    removalLines.stream().map(LinkRemoval.Line::command).toList());
            writes += removalLines.size();
            errors.forEach((index, error) -> removalLines.get(index).owners()
                    .forEach(owner -> failed.merge(owner, error, (a, b) -> a + "; " + b)));
        }
        changes.stream().filter(KernelChange.Delete.class::isInstance).forEach(links::track);

        // VRFs first, alone: whether they exist decides what the other batches may name.
        List<KernelChange> vrfCreates = changes.stream()
                .filter(c -> c instanceof KernelChange.Create && c.object() instanceof Vrf).toList();
        if (!vrfCreates.isEmpty()) {
            if (vrfSupport.filter(f -> !f.supported()).isPresent()) {
                vrfCreates.forEach(c -> failed.put(c.id(), NO_VRF));
            } else {
                List<String> commands = vrfCreates.stream()
                        .map(c -> linesByChange.get(c).getFirst().command()).toList();
                Map<Integer, String> errors = IpBatch.run(Netns.of(namespaces, Side.ROUTER), commands);
                writes += commands.size();
                for (int i = 0; i < vrfCreates.size(); i++) {
                    String error = errors.get(i);
                    if (error != null) {
                        boolean unsupported = error.contains("Unknown device type");
                        failed.put(vrfCreates.get(i).id(), unsupported ? NO_VRF + " (" + error + ")" : error);
                        if (unsupported) {
                            vrfSupport = Optional.of(new CapabilityFinding("vrf", false,
                                    NO_VRF + ": ip link add type vrf answered: " + error));
                        }
                    } else {
                        vrfSupport = Optional.of(new CapabilityFinding("vrf", true, "VRF devices can be created"));
                    }
                }
            }
            vrfCreates.stream().filter(c -> !failed.containsKey(c.id()))
                    .forEach(c -> links.add(Side.ROUTER, ((Vrf) c.object()).name()));
        }

        List<KernelChange> movedVxlans = vxlanOrigin.isEmpty() ? List.of() : changes.stream()
                .filter(c -> c.object() instanceof Vxlan && c instanceof KernelChange.Create).toList();
        writes += moveVxlansIn(movedVxlans, linesByChange, failed, links);

        for (KernelChange change : changes) {
            if (change.object() instanceof Sysctl || vrfCreates.contains(change) || movedVxlans.contains(change)) {
                continue;
            }
            Optional<String> blocked = blocker(change, wanted, failed, links);
            if (blocked.isPresent()) {
                failed.put(change.id(), blocked.get());
                continue;
            }
            links.track(change);
            for (BatchLine line : linesByChange.get(change)) {
                if (line.phase().removal()) {
                    continue;
                }
                batches.computeIfAbsent(line.phase(), p -> new ArrayList<>()).add(line.command());
                owners.computeIfAbsent(line.phase(), p -> new ArrayList<>()).add(change.id());
            }
        }
        for (Phase phase : Phase.values()) {
            List<String> commands = batches.getOrDefault(phase, List.of());
            Map<Integer, String> errors = IpBatch.run(Netns.of(namespaces, phase.side), commands);
            writes += commands.size();
            errors.forEach((index, error) -> failed.merge(owners.get(phase).get(index), error,
                    (a, b) -> a + "; " + b));
        }
        return new KernelEnactment(changes, results(wanted, changes, failed), writes,
                vrfSupport.stream().toList());
    }

    /**
     * The removal phases' lines as {@link LinkRemoval} sends them, per phase that has any: the group of each side is
     * this adapter's own ({@link #namespaces}' router namespace names the adapter), checked against what carries it
     * in {@code actual}.
     */
    private Map<Phase, List<LinkRemoval.Line>> removals(List<KernelChange> changes,
            Map<KernelChange, List<BatchLine>> linesByChange, KernelState actual) {
        Map<Phase, List<LinkRemoval.Line>> removals = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            if (!phase.removal()) {
                continue;
            }
            List<LinkRemoval.Deletion> deletions = new ArrayList<>();
            for (KernelChange change : changes) {
                for (BatchLine line : linesByChange.get(change)) {
                    if (line.phase() == phase) {
                        deletions.add(new LinkRemoval.Deletion(BatchLines.deletedLink(line), change.id()));
                    }
                }
            }
            if (deletions.isEmpty()) {
                continue;
            }
            LinkRemoval removal = LinkRemoval.of(namespaces.router() + (phase.side == Side.HOST ? " host" : ""));
            Set<String> ours = linksOfOurObjects(actual, phase.side);
            removals.put(phase, removal.lines(deletions, actual.inGroup(phase.side, removal.group()),
                    ours::contains));
        }
        return removals;
    }

    /** The links on a side that are our objects as read: bridges, VXLANs, veths, VRFs, strays (not moved NICs). */
    private static Set<String> linksOfOurObjects(KernelState actual, Side side) {
        Set<String> names = new HashSet<>();
        for (KernelObject object : actual.objects()) {
            switch (object) {
                case io.openpe.node.kernel.Bridge b when b.side() == side -> names.add(b.name());
                case Vxlan v when side == Side.ROUTER -> names.add(v.name());
                case Vrf v when side == Side.ROUTER -> names.add(v.name());
                case Veth v -> names.add(side == Side.ROUTER ? v.routerName() : v.hostName());
                case io.openpe.node.kernel.StrayLink l when l.side() == side -> names.add(l.name());
                default -> {
                }
            }
        }
        return names;
    }

    /**
     * VXLAN creates when VXLANs come from {@link #vxlanOrigin} (deletes went with the pass's removals, before): each
     * create sent to the origin namespace with {@code netns} naming this one. The device appears here with the origin
     * as its link namespace, as if created there and moved (FRR's own layout), without ever existing in the origin: a
     * kill between two commands cannot leave a VXLAN behind there. A link arriving from another namespace is down,
     * hence the raise.
     */
    private int moveVxlansIn(List<KernelChange> creates, Map<KernelChange, List<BatchLine>> linesByChange,
            Map<String, String> failed, LinkPresence links) {
        if (creates.isEmpty()) {
            return 0;
        }
        List<String> createCommands = new ArrayList<>();
        List<KernelChange> owners = new ArrayList<>();
        String here = Netns.of(namespaces, Side.ROUTER).reference();
        for (KernelChange create : creates) {
            String name = ((Vxlan) create.object()).name();
            // Created straight into this namespace: the device's underlay is still the origin (link-netns).
            createCommands.add(linesByChange.get(create).getFirst().command()
                    .replaceFirst("^link add " + name + " ", "link add " + name + " netns " + here + " "));
            owners.add(create);
        }
        Map<Integer, String> createErrors = IpBatch.run(vxlanOrigin.orElseThrow(), createCommands);
        createErrors.forEach((index, error) -> failed.merge(owners.get(index).id(), error, (a, b) -> a + "; " + b));
        List<KernelChange> moved = creates.stream().filter(c -> !failed.containsKey(c.id())).toList();
        moved.forEach(links::track);
        List<String> raise = moved.stream().map(c -> "link set dev " + ((Vxlan) c.object()).name() + " up").toList();
        Map<Integer, String> raiseErrors = IpBatch.run(Netns.of(namespaces, Side.ROUTER), raise);
        raiseErrors.forEach((index, error) -> failed.put(moved.get(index).id(), error));
        return createCommands.size() + raise.size();
    }

    /**
     * Moving a link to another namespace drops its addresses; a NIC keeps its underlay addresses across the move
     * (into the router namespace, and back to the host when the Underlay no longer names it).
     */
    private static List<BatchLine> nicAddressesCarriedAlong(KernelChange change, KernelState actual) {
        if (!(change.object() instanceof NicPlacement nic)) {
            return List.of();
        }
        return switch (change) {
            case KernelChange.Create c -> actual.addressesOf(Side.HOST, nic.name()).stream()
                    .map(cidr -> new BatchLine(Phase.ROUTER, "addr add " + cidr + " dev " + nic.name())).toList();
            case KernelChange.Delete d -> {
                List<BatchLine> back = new ArrayList<>(actual.addressesOf(Side.ROUTER, nic.name()).stream()
                        .map(cidr -> new BatchLine(Phase.HOST_LAST, "addr add " + cidr + " dev " + nic.name()))
                        .toList());
                back.add(new BatchLine(Phase.HOST_LAST, "link set dev " + nic.name() + " up"));
                yield back;
            }
            case KernelChange.Modify m -> List.of();
        };
    }

    /** Why a change cannot be sent: a VRF it needs is missing, or a link it names will not exist. */
    private Optional<String> blocker(KernelChange change, Map<String, DesiredObject> wanted,
            Map<String, String> failed, LinkPresence links) {
        if (change instanceof KernelChange.Delete) {
            return Optional.empty();
        }
        DesiredObject desired = wanted.get(change.id());
        if (desired != null && desired.needsVrf().isPresent()) {
            String vrf = desired.needsVrf().get();
            String vrfFailure = failed.get("vrf " + vrf);
            if (vrfFailure != null) {
                return Optional.of("VRF " + vrf + " unavailable: " + vrfFailure);
            }
        }
        for (String link : namedLinks(change.object())) {
            Side side = change.object().side();
            if (!links.has(side, link)) {
                String reason = failed.entrySet().stream()
                        .filter(e -> e.getKey().endsWith(" " + link) || e.getKey().contains(" " + link + "/")
                                || e.getKey().endsWith("/" + link))
                        .map(e -> link + " failed: " + e.getValue()).findFirst()
                        .orElse("link " + link + " does not exist");
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /** The links a change refers to without creating them. */
    private static List<String> namedLinks(KernelObject object) {
        return switch (object) {
            case LinkMaster m -> List.of(m.link(), m.master());
            case Address a -> List.of(a.link());
            default -> List.of();
        };
    }

    /**
     * Written from {@code /proc/sys} by a thread inside the namespace, as {@link KernelReader} reads them: no process
     * (an {@code ip netns exec ... sysctl} per VRF namespace cost a process start each).
     */
    private int writeSysctls(List<KernelChange> changes, Map<String, String> failed) {
        List<Sysctl> sysctls = changes.stream().filter(c -> !(c instanceof KernelChange.Delete))
                .map(KernelChange::object).filter(Sysctl.class::isInstance).map(Sysctl.class::cast).toList();
        if (sysctls.isEmpty()) {
            return 0;
        }
        failed.putAll(Netns.of(namespaces, Side.ROUTER).inside(() -> {
            Map<String, String> errors = new LinkedHashMap<>();
            for (Sysctl sysctl : sysctls) {
                try {
                    Files.writeString(KernelReader.procSysFile(sysctl.key()), sysctl.value() + "\n");
                } catch (IOException | UncheckedIOException e) {
                    errors.put(sysctl.id(), "sysctl " + sysctl.key() + "=" + sysctl.value() + ": " + e);
                }
            }
            return errors;
        }));
        return sysctls.size();
    }

    private static List<ObjectResult> results(Map<String, DesiredObject> wanted, List<KernelChange> changes,
            Map<String, String> failed) {
        List<ObjectResult> results = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (DesiredObject desired : wanted.values()) {
            String id = desired.object().id();
            Optional<SourceRef> source = Optional.of(desired.source());
            results.add(failed.containsKey(id) ? ObjectResult.failed(id, source, failed.get(id))
                    : ObjectResult.applied(id, source));
            reported.add(id);
        }
        for (KernelChange change : changes) {
            if (change instanceof KernelChange.Delete && reported.add(change.id())) {
                String object = "removed " + change.id();
                results.add(failed.containsKey(change.id())
                        ? ObjectResult.failed(object, Optional.empty(), failed.get(change.id()))
                        : ObjectResult.applied(object, Optional.empty()));
            }
        }
        return results;
    }

    /** Which links exist on each side as the batches are built: the actual ones, less deletes, plus creates. */
    private static final class LinkPresence {
        private final Map<Side, Set<String>> names = new EnumMap<>(Side.class);

        LinkPresence(KernelState actual) {
            names.put(Side.ROUTER, new HashSet<>(actual.links(Side.ROUTER)));
            names.put(Side.HOST, new HashSet<>(actual.links(Side.HOST)));
        }

        boolean has(Side side, String name) {
            return names.get(side).contains(name);
        }

        void add(Side side, String name) {
            names.get(side).add(name);
        }

        void track(KernelChange change) {
            boolean create = change instanceof KernelChange.Create;
            boolean delete = change instanceof KernelChange.Delete;
            if (!create && !delete) {
                return;
            }
            KernelObject object = change.object();
            List<Map.Entry<Side, String>> own = switch (object) {
                case io.openpe.node.kernel.Bridge b -> List.of(Map.entry(b.side(), b.name()));
                case io.openpe.node.kernel.Vxlan v -> List.of(Map.entry(Side.ROUTER, v.name()));
                case Vrf v -> List.of(Map.entry(Side.ROUTER, v.name()));
                case Veth v -> List.of(Map.entry(Side.ROUTER, v.routerName()), Map.entry(Side.HOST, v.hostName()));
                case io.openpe.node.kernel.StrayLink s -> List.of(Map.entry(s.side(), s.name()));
                case io.openpe.node.kernel.NicPlacement n -> List.of(Map.entry(Side.ROUTER, n.name()));
                default -> List.of();
            };
            for (Map.Entry<Side, String> link : own) {
                if (create) {
                    names.get(link.getKey()).add(link.getValue());
                } else {
                    names.get(link.getKey()).remove(link.getValue());
                }
            }
        }
    }
}
