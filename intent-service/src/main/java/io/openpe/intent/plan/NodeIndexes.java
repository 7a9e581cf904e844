package io.openpe.intent.plan;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stable small node indices (DESIGN §4): an index is kept while its node exists, a new node takes the lowest free index
 * (new nodes in name order), and a removed node's index becomes free.
 */
public final class NodeIndexes {
  private NodeIndexes() {
  }

  /**
   * @param existing indices known so far (e.g. from the {@code openpe.io/nodeindex} annotations), possibly for nodes that
   *     are gone; if two nodes claim one index, the first by name keeps it and the other gets a new one
   * @return an index for every current node and no other
   */
  public static Map<String, Integer> assign(Map<String, Integer> existing, Collection<String> currentNodes) {
    List<String> names = currentNodes.stream().distinct().sorted().toList();
    Map<String, Integer> assigned = new HashMap<>();
    BitSet taken = new BitSet();
    for (String name : names) {
      Integer index = existing.get(name);
      if (index != null && index >= 0 && !taken.get(index)) {
        taken.set(index);
        assigned.put(name, index);
      }
    }
    for (String name : names) {
      if (!assigned.containsKey(name)) {
        int index = taken.nextClearBit(0);
        taken.set(index);
        assigned.put(name, index);
      }
    }
    return new TreeMap<>(assigned);
  }
}
