package io.openpe.intent.plan;

import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two sets of winning intents: the old and new versions of every added, removed or modified
 * object. A node's plan depends only on the intents that select it, so only nodes selected by an old or a new version
 * can change.
 */
public record IntentDiff(List<Intent> oldVersions, List<Intent> newVersions) {

  public IntentDiff {
    oldVersions = List.copyOf(oldVersions);
    newVersions = List.copyOf(newVersions);
  }

  public static IntentDiff between(Intents before, Intents after) {
    Map<ObjectId, Intent> old = new HashMap<>();
    before.all().forEach(intent -> old.put(intent.id(), intent));
    List<Intent> oldVersions = new ArrayList<>();
    List<Intent> newVersions = new ArrayList<>();
    for (Intent intent : after.all()) {
      Intent previous = old.remove(intent.id());
      if (!intent.equals(previous)) {
        newVersions.add(intent);
        if (previous != null) {
          oldVersions.add(previous);
        }
      }
    }
    oldVersions.addAll(old.values());
    return new IntentDiff(oldVersions, newVersions);
  }

  public boolean isEmpty() {
    return oldVersions.isEmpty() && newVersions.isEmpty();
  }

  public Set<ObjectId> ids() {
    Set<ObjectId> ids = new HashSet<>();
    oldVersions.forEach(intent -> ids.add(intent.id()));
    newVersions.forEach(intent -> ids.add(intent.id()));
    return ids;
  }

  /** True when this change can alter the plan of {@code node}. */
  public boolean affects(Node node) {
    return selectsAny(oldVersions, node) || selectsAny(newVersions, node);
  }

  /** True when an Underlay selecting {@code node} changed: the whole plan is derived anew. */
  public boolean touchesUnderlayOf(Node node) {
    return oldVersions.stream().anyMatch(i -> i instanceof Underlay && i.nodeSelector().matches(node.labels()))
        || newVersions.stream().anyMatch(i -> i instanceof Underlay && i.nodeSelector().matches(node.labels()));
  }

  /** VRFs whose defining L3VNI changed: the L2VNIs in them may become node-local or stop being so. */
  public Set<String> l3Vrfs() {
    Set<String> vrfs = new HashSet<>();
    for (List<Intent> versions : List.of(oldVersions, newVersions)) {
      for (Intent intent : versions) {
        if (intent instanceof L3Vni l3) {
          vrfs.add(l3.vrf().value());
        }
      }
    }
    return vrfs;
  }

  List<L3Vni> oldL3() {
    return oldVersions.stream().filter(L3Vni.class::isInstance).map(L3Vni.class::cast).toList();
  }

  List<L2Vni> oldL2() {
    return oldVersions.stream().filter(L2Vni.class::isInstance).map(L2Vni.class::cast).toList();
  }

  private static boolean selectsAny(List<Intent> intents, Node node) {
    for (Intent intent : intents) {
      if (intent.nodeSelector().matches(node.labels())) {
        return true;
      }
    }
    return false;
  }
}
