package io.openpe.intent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeIndexesTest {
  @Test
  void newNodesTakeTheLowestFreeIndicesInNameOrder() {
    assertEquals(Map.of("a", 0, "b", 1, "c", 2), NodeIndexes.assign(Map.of(), List.of("c", "a", "b")));
  }

  @Test
  void existingIndicesAreKeptAndFreedOnesReused() {
    Map<String, Integer> existing = Map.of("a", 0, "b", 1, "c", 2, "gone", 3);
    assertEquals(Map.of("a", 0, "c", 2, "d", 1, "e", 3),
        NodeIndexes.assign(existing, List.of("a", "c", "e", "d")));
  }

  @Test
  void aDuplicateClaimKeepsTheFirstByName() {
    assertEquals(Map.of("a", 5, "b", 0), NodeIndexes.assign(Map.of("a", 5, "b", 5), List.of("b", "a")));
  }

  @Test
  void indicesOfNodesThatStayNeverMove() {
    Map<String, Integer> first = NodeIndexes.assign(Map.of(), List.of("x", "y", "z"));
    Map<String, Integer> second = NodeIndexes.assign(first, List.of("z", "new", "x"));
    assertEquals(first.get("x"), second.get("x"));
    assertEquals(first.get("z"), second.get("z"));
    assertEquals(1, second.get("new"));
  }
}
