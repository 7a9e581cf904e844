package io.openpe.intent.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete desired state of one node (DESIGN §4), without generation and content hash. The domain lists are
 * immutable and sorted by VNI; plans patched from one another share their unchanged domains.
 */
public record NodePlan(String cluster, String node, int nodeIndex, Optional<UnderlayPlan> underlay,
    List<L3DomainPlan> l3Domains, List<L2DomainPlan> l2Domains, Optional<BmpTarget> bmp, List<Rejection> rejections,
    List<PlanWarning> warnings) {

  public NodePlan {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(underlay, "underlay");
    Objects.requireNonNull(bmp, "bmp");
    l3Domains = DomainList.of(l3Domains);
    l2Domains = DomainList.of(l2Domains);
    rejections = List.copyOf(rejections);
    warnings = List.copyOf(warnings);
  }
}
