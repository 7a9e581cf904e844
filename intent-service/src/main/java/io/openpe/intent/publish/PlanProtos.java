package io.openpe.intent.publish;

import com.google.protobuf.CodedOutputStream;
import io.openpe.intent.plan.HostSessionPlan;
import io.openpe.intent.plan.L2DomainPlan;
import io.openpe.intent.plan.L3DomainPlan;
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.UnderlayPlan;
import io.openpe.intent.plan.VethPlan;
import io.openpe.intent.plan.VxlanPlan;
import io.openpe.intent.v1.BmpTarget;
import io.openpe.intent.v1.HostBridgePlan;
import io.openpe.intent.v1.Neighbor;
import io.openpe.intent.v1.PlanWarning;
import io.openpe.intent.v1.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The domain plan as the {@code openpe.intent.v1.NodePlan} on openpe.plans, and its content hash: SHA-256 over the
 * deterministic serialization of the plan with generation and hash cleared, so equal content gives an equal hash in
 * every process and across restarts.
 */
public final class PlanProtos {

    private PlanProtos() {
    }

    /** The plan without generation and content hash. */
    public static io.openpe.intent.v1.NodePlan toProto(NodePlan plan) {
        var builder = io.openpe.intent.v1.NodePlan.newBuilder()
                .setCluster(plan.cluster())
                .setNode(plan.node())
                .setNodeIndex(plan.nodeIndex());
        plan.underlay().ifPresent(u -> builder.setUnderlay(underlay(plan.cluster(), u)));
        plan.l3Domains().forEach(d -> builder.addL3Domains(l3(plan.cluster(), d)));
        plan.l2Domains().forEach(d -> builder.addL2Domains(l2(plan.cluster(), d)));
        plan.bmp().ifPresent(b -> builder.setBmp(BmpTarget.newBuilder().setAddress(b.address()).setPort(b.port())));
        plan.rejections().forEach(r -> builder.addRejections(Rejection.newBuilder()
                .setObject(IntentProtos.ref(plan.cluster(), r.object())).setField(r.field()).setReason(r.reason())));
        plan.warnings().forEach(w -> builder.addWarnings(PlanWarning.newBuilder()
                .setObject(IntentProtos.ref(plan.cluster(), w.object())).setField(w.field()).setMessage(w.message())));
        return builder.build();
    }

    /** {@code unnumbered} with its generation and content hash set. */
    public static io.openpe.intent.v1.NodePlan numbered(io.openpe.intent.v1.NodePlan unnumbered, long generation) {
        return unnumbered.toBuilder().setGeneration(generation).setContentHash(contentHash(unnumbered)).build();
    }

    /** Hex SHA-256 of the plan's content, generation and hash excluded. */
    public static String contentHash(io.openpe.intent.v1.NodePlan plan) {
        io.openpe.intent.v1.NodePlan content = plan.toBuilder().clearGeneration().clearContentHash().build();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.getSerializedSize());
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            content.writeTo(out);
            out.flush();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static io.openpe.intent.v1.UnderlayPlan underlay(String cluster, UnderlayPlan u) {
        return io.openpe.intent.v1.UnderlayPlan.newBuilder()
                .setSource(IntentProtos.ref(cluster, u.source()))
                .setAsn((int) u.asn())
                .setRouterId(u.routerId())
                .setVtepIp(u.vtepIp())
                .addAllNics(u.nics())
                .addAllNeighbors(u.neighbors().stream().map(n -> Neighbor.newBuilder()
                        .setAsn((int) n.asn().value()).setAddress(n.address().toString()).build()).toList())
                .setMtu(u.mtu())
                .build();
    }

    private static io.openpe.intent.v1.L3DomainPlan l3(String cluster, L3DomainPlan d) {
        var builder = io.openpe.intent.v1.L3DomainPlan.newBuilder()
                .setSource(IntentProtos.ref(cluster, d.source()))
                .setVrf(d.vrf())
                .setVni((int) d.vni())
                .setBridge(d.bridge())
                .setVxlan(vxlan(d.vxlan()))
                .addAllExportRts(d.exportRts())
                .addAllImportRts(d.importRts())
                .setRouterMac(d.routerMac());
        d.hostSession().ifPresent(s -> builder.setHostSession(hostSession(s)));
        return builder.build();
    }

    private static io.openpe.intent.v1.HostSessionPlan hostSession(HostSessionPlan s) {
        var builder = io.openpe.intent.v1.HostSessionPlan.newBuilder()
                .setVeth(veth(s.veth()))
                .setRouterAsn((int) s.routerAsn())
                .setHostAsn((int) s.hostAsn());
        s.routerIpv4().ifPresent(builder::setRouterIpv4);
        s.hostIpv4().ifPresent(builder::setHostIpv4);
        s.routerIpv6().ifPresent(builder::setRouterIpv6);
        s.hostIpv6().ifPresent(builder::setHostIpv6);
        return builder.build();
    }

    private static io.openpe.intent.v1.L2DomainPlan l2(String cluster, L2DomainPlan d) {
        var builder = io.openpe.intent.v1.L2DomainPlan.newBuilder()
                .setSource(IntentProtos.ref(cluster, d.source()))
                .setVni((int) d.vni())
                .setVrfNodeLocal(d.vrfNodeLocal())
                .setBridge(d.bridge())
                .setVxlan(vxlan(d.vxlan()))
                .setVeth(veth(d.veth()))
                .setHostBridge(HostBridgePlan.newBuilder().setName(d.hostBridge().name())
                        .setAutocreate(d.hostBridge().autocreate()));
        d.vrf().ifPresent(builder::setVrf);
        d.gatewayIp().ifPresent(builder::setGatewayIp);
        d.gatewayMac().ifPresent(builder::setGatewayMac);
        return builder.build();
    }

    private static io.openpe.intent.v1.VxlanPlan vxlan(VxlanPlan v) {
        return io.openpe.intent.v1.VxlanPlan.newBuilder().setName(v.name()).setVni((int) v.vni())
                .setLocalIp(v.localIp()).setDstPort(v.dstPort()).build();
    }

    private static io.openpe.intent.v1.VethPlan veth(VethPlan v) {
        return io.openpe.intent.v1.VethPlan.newBuilder().setRouterName(v.routerName()).setHostName(v.hostName())
                .setMtu(v.mtu()).build();
    }
}
