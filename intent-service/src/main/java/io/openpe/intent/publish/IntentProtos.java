package io.openpe.intent.publish;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.intent.api.HostMasterSpec;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L2VNISpec;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.L3VNISpec;
import io.openpe.intent.api.UnderlayNeighbor;
import io.openpe.intent.api.UnderlaySpec;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.NodeSelector;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.intent.v1.HostMaster;
import io.openpe.intent.v1.HostMasterType;
import io.openpe.intent.v1.HostSession;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L2VniSpec;
import io.openpe.intent.v1.L3VniSpec;
import io.openpe.intent.v1.LabelSelectorRequirement.Builder;
import io.openpe.intent.v1.Neighbor;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.SelectorOperator;
import io.openpe.intent.v1.Source;
import io.openpe.proto.kafka.Topics;
import io.openpe.rules.RouteTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Intents between their three forms: the validated model ({@code toProto}, what goes on openpe.intents), the
 * record on the topic, and the Kubernetes-shaped API object ({@code toApi}, how a stored or gRPC-submitted record
 * re-enters validation). The proto is the normalized form: defaults applied, one host-master spelling.
 */
public final class IntentProtos {

    private IntentProtos() {
    }

    public static String key(String cluster, ObjectId id) {
        return Topics.intentKey(cluster, id.kind(), id.namespace(), id.name());
    }

    public static ObjectRef ref(String cluster, ObjectId id) {
        return ObjectRef.newBuilder().setCluster(cluster).setKind(kindOf(id.kind()))
                .setNamespace(id.namespace()).setName(id.name()).build();
    }

    public static ObjectId idOf(ObjectRef ref) {
        return new ObjectId(kindName(ref.getKind()), ref.getNamespace(), ref.getName());
    }

    public static Kind kindOf(String kind) {
        return switch (kind) {
            case ObjectId.UNDERLAY -> Kind.KIND_UNDERLAY;
            case ObjectId.L3VNI -> Kind.KIND_L3VNI;
            case ObjectId.L2VNI -> Kind.KIND_L2VNI;
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    public static String kindName(Kind kind) {
        return switch (kind) {
            case KIND_UNDERLAY -> ObjectId.UNDERLAY;
            case KIND_L3VNI -> ObjectId.L3VNI;
            case KIND_L2VNI -> ObjectId.L2VNI;
            default -> throw new IllegalArgumentException("intent kind is not set");
        };
    }

    // ---- model -> proto

    public static io.openpe.intent.v1.Intent toProto(String cluster, Intent intent, Source source) {
        var builder = io.openpe.intent.v1.Intent.newBuilder()
                .setRef(ref(cluster, intent.id()))
                .setGeneration(intent.generation())
                .setSource(source)
                .setNodeSelector(selectorToProto(intent.nodeSelector()));
        switch (intent) {
            case Underlay u -> builder.setUnderlay(io.openpe.intent.v1.UnderlaySpec.newBuilder()
                    .setAsn((int) u.asn().value())
                    .setVtepCidr(u.vtepCidr().toString())
                    .addAllNics(u.nics())
                    .addAllNeighbors(u.neighbors().stream().map(n -> Neighbor.newBuilder()
                            .setAsn((int) n.asn().value()).setAddress(n.address().toString()).build()).toList())
                    .setRouterIdCidr(u.routerIdCidr().toString()));
            case L3Vni l3 -> {
                var spec = L3VniSpec.newBuilder()
                        .setVni((int) l3.vni().value())
                        .setVrf(l3.vrf().value())
                        .addAllExportRts(l3.exportRts().stream().map(RouteTarget::toString).toList())
                        .addAllImportRts(l3.importRts().stream().map(RouteTarget::toString).toList())
                        .setVxlanPort(l3.vxlanPort());
                l3.hostSession().ifPresent(s -> {
                    var session = HostSession.newBuilder().setHostAsn((int) s.hostAsn().value());
                    s.asn().ifPresent(a -> session.setAsn((int) a.value()));
                    s.localCidrV4().ifPresent(c -> session.setLocalCidrIpv4(c.toString()));
                    s.localCidrV6().ifPresent(c -> session.setLocalCidrIpv6(c.toString()));
                    spec.setHostSession(session);
                });
                builder.setL3Vni(spec);
            }
            case L2Vni l2 -> {
                var spec = L2VniSpec.newBuilder()
                        .setVni((int) l2.vni().value())
                        .setVxlanPort(l2.vxlanPort())
                        .setHostMaster(HostMaster.newBuilder().setType(hostMasterType(l2.hostMaster().type()))
                                .setName(l2.hostMaster().name().orElse(""))
                                .setAutocreate(l2.hostMaster().autocreate()));
                l2.vrf().ifPresent(v -> spec.setVrf(v.value()));
                l2.gatewayIp().ifPresent(g -> spec.setL2GatewayIp(g.toString()));
                builder.setL2Vni(spec);
            }
        }
        return builder.build();
    }

    private static io.openpe.intent.v1.LabelSelector selectorToProto(io.openpe.intent.model.NodeSelector selector) {
        var builder = io.openpe.intent.v1.LabelSelector.newBuilder().putAllMatchLabels(selector.matchLabels());
        for (var requirement : selector.matchExpressions()) {
            Builder r = io.openpe.intent.v1.LabelSelectorRequirement.newBuilder()
                    .setKey(requirement.key()).setOperator(operator(requirement.operator()))
                    // A set has no order; sorted values keep the serialized intent deterministic.
                    .addAllValues(requirement.values().stream().sorted().toList());
            builder.addMatchExpressions(r);
        }
        return builder.build();
    }

    // ---- proto -> API object (then validated like any submitted object)

    public static HasMetadata toApi(io.openpe.intent.v1.Intent intent) {
        ObjectMeta meta = new ObjectMetaBuilder().withName(intent.getRef().getName())
                .withNamespace(intent.getRef().getNamespace().isEmpty() ? "default" : intent.getRef().getNamespace())
                .withGeneration(intent.getGeneration() == 0 ? null : intent.getGeneration()).build();
        LabelSelector selector = intent.hasNodeSelector() ? selectorToApi(intent.getNodeSelector()) : null;
        return switch (intent.getSpecCase()) {
            case UNDERLAY -> {
                var p = intent.getUnderlay();
                var spec = new UnderlaySpec();
                spec.setAsn(unsigned(p.getAsn()));
                var evpn = new UnderlaySpec.Evpn();
                evpn.setVtepcidr(p.getVtepCidr());
                spec.setEvpn(evpn);
                spec.setNics(new ArrayList<>(p.getNicsList()));
                spec.setNeighbors(p.getNeighborsList().stream().map(n -> {
                    var neighbor = new UnderlayNeighbor();
                    neighbor.setAsn(unsigned(n.getAsn()));
                    neighbor.setAddress(n.getAddress());
                    return neighbor;
                }).toList());
                spec.setRouteridcidr(emptyToNull(p.getRouterIdCidr()));
                spec.setNodeSelector(selector);
                var object = new io.openpe.intent.api.Underlay();
                object.setMetadata(meta);
                object.setSpec(spec);
                yield object;
            }
            case L3VNI -> {
                var p = intent.getL3Vni();
                var spec = new L3VNISpec();
                spec.setVni(unsigned(p.getVni()));
                spec.setVrf(emptyToNull(p.getVrf()));
                if (p.hasHostSession()) {
                    var s = p.getHostSession();
                    spec.setAsn(s.getAsn() == 0 ? null : unsigned(s.getAsn()));
                    spec.setHostasn(unsigned(s.getHostAsn()));
                    var cidr = new L3VNISpec.LocalCidr();
                    cidr.setIpv4(emptyToNull(s.getLocalCidrIpv4()));
                    cidr.setIpv6(emptyToNull(s.getLocalCidrIpv6()));
                    spec.setLocalcidr(cidr);
                }
                spec.setExportRTs(p.getExportRtsCount() == 0 ? null : new ArrayList<>(p.getExportRtsList()));
                spec.setImportRTs(p.getImportRtsCount() == 0 ? null : new ArrayList<>(p.getImportRtsList()));
                spec.setVxlanport(p.getVxlanPort() == 0 ? null : p.getVxlanPort());
                spec.setNodeSelector(selector);
                var object = new L3VNI();
                object.setMetadata(meta);
                object.setSpec(spec);
                yield object;
            }
            case L2VNI -> {
                var p = intent.getL2Vni();
                var spec = new L2VNISpec();
                spec.setVni(unsigned(p.getVni()));
                spec.setVrf(emptyToNull(p.getVrf()));
                spec.setL2gatewayip(emptyToNull(p.getL2GatewayIp()));
                if (p.hasHostMaster()) {
                    var hostMaster = new HostMasterSpec();
                    hostMaster.setType(hostMasterType(p.getHostMaster().getType()));
                    hostMaster.setAutocreate(p.getHostMaster().getAutocreate());
                    hostMaster.setName(emptyToNull(p.getHostMaster().getName()));
                    spec.setHostmaster(hostMaster);
                }
                spec.setVxlanport(p.getVxlanPort() == 0 ? null : p.getVxlanPort());
                spec.setNodeSelector(selector);
                var object = new L2VNI();
                object.setMetadata(meta);
                object.setSpec(spec);
                yield object;
            }
            case SPEC_NOT_SET -> throw new IllegalArgumentException(
                    "intent " + intent.getRef().getNamespace() + "/" + intent.getRef().getName() + " has no spec");
        };
    }

    private static LabelSelector selectorToApi(io.openpe.intent.v1.LabelSelector selector) {
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressionsList().stream()
                .map(r -> new LabelSelectorRequirement(r.getKey(), operator(r.getOperator()),
                        new ArrayList<>(r.getValuesList())))
                .toList();
        if (selector.getMatchLabelsCount() == 0 && expressions.isEmpty()) {
            return null;
        }
        return new LabelSelectorBuilder().withMatchLabels(selector.getMatchLabelsMap())
                .withMatchExpressions(expressions).build();
    }

    private static Long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }


    static SelectorOperator operator(NodeSelector.Operator operator) {
        return switch (operator) {
            case In -> SelectorOperator.SELECTOR_OPERATOR_IN;
            case NotIn -> SelectorOperator.SELECTOR_OPERATOR_NOT_IN;
            case Exists -> SelectorOperator.SELECTOR_OPERATOR_EXISTS;
            case DoesNotExist -> SelectorOperator.SELECTOR_OPERATOR_DOES_NOT_EXIST;
        };
    }

    /** The Kubernetes spelling; an unspecified or unknown operator stays empty, which validation refuses. */
    static String operator(SelectorOperator operator) {
        return switch (operator) {
            case SELECTOR_OPERATOR_IN -> NodeSelector.Operator.In.name();
            case SELECTOR_OPERATOR_NOT_IN -> NodeSelector.Operator.NotIn.name();
            case SELECTOR_OPERATOR_EXISTS -> NodeSelector.Operator.Exists.name();
            case SELECTOR_OPERATOR_DOES_NOT_EXIST -> NodeSelector.Operator.DoesNotExist.name();
            case SELECTOR_OPERATOR_UNSPECIFIED, UNRECOGNIZED -> "";
        };
    }

    static HostMasterType hostMasterType(String type) {
        return io.openpe.intent.model.HostMaster.LINUX_BRIDGE.equals(type)
                ? HostMasterType.HOST_MASTER_TYPE_LINUX_BRIDGE : HostMasterType.HOST_MASTER_TYPE_UNSPECIFIED;
    }

    /** Unspecified: absent, which validation refuses as it refuses a manifest without the field. */
    static String hostMasterType(HostMasterType type) {
        return type == HostMasterType.HOST_MASTER_TYPE_LINUX_BRIDGE ? io.openpe.intent.model.HostMaster.LINUX_BRIDGE
                : null;
    }
}
