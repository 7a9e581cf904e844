package io.openpe.intent.plan;

import io.openpe.intent.model.Intents;
import io.openpe.intent.model.Node;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Intents to per-node plans (DESIGN §4). For many nodes, build one {@link PlanIndex} and reuse it. */
public final class NodePlans {
  private NodePlans() {
  }

  /** The plan of one node from the winning intents (after {@code IntentValidation.resolveConflicts}). */
  public static NodePlan forNode(String cluster, Node node, Intents winners, PlanSettings settings) {
    return PlanIndex.of(winners, settings).forNode(cluster, node);
  }

  /** Plans for every node, keyed and ordered by node name. */
  public static Map<String, NodePlan> forNodes(String cluster, Collection<Node> nodes, Intents winners,
      PlanSettings settings) {
    PlanIndex index = PlanIndex.of(winners, settings);
    Map<String, NodePlan> plans = new TreeMap<>();
    for (Node node : nodes) {
      plans.put(node.name(), index.forNode(cluster, node));
    }
    return plans;
  }

  /**
   * Plans after the winners changed from {@code before} to {@code after}: nodes the change does not select keep their
   * previous plan (the same instance), the others are patched. {@code previous} must have been planned from
   * {@code before} with the same node facts; a node without a previous plan is planned from scratch.
   */
  public static Map<String, NodePlan> replan(String cluster, Map<String, NodePlan> previous, Collection<Node> nodes,
      Intents before, Intents after, PlanSettings settings) {
    IntentDiff diff = IntentDiff.between(before, after);
    PlanIndex index = PlanIndex.of(after, settings);
    PlanIndex.Change change = index.changeOf(diff);
    Map<String, NodePlan> plans = new TreeMap<>();
    for (Node node : nodes) {
      NodePlan old = previous.get(node.name());
      plans.put(node.name(), old == null ? index.forNode(cluster, node) : index.patch(cluster, old, node, change));
    }
    return plans;
  }
}
