package io.openpe.intent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.intent.model.ObjectId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainListTest {
  static L2DomainPlan domain(String name, long vni) {
    return new L2DomainPlan(ObjectId.l2Vni("ns", name), vni, Optional.empty(), false, "br-pe-" + vni,
        new VxlanPlan("vni" + vni, vni, "100.65.0.1", 4789), new VethPlan("pe-" + vni, "host-" + vni, 1450),
        new HostBridgePlan("br-hs-" + vni, true), Optional.empty(), Optional.empty());
  }

  static DomainList.Key key(L2DomainPlan domain) {
    return new DomainList.Key(domain.vni(), domain.source());
  }

  final L2DomainPlan a = domain("a", 10);
  final L2DomainPlan b = domain("b", 20);
  final L2DomainPlan c = domain("c", 30);
  final DomainList<L2DomainPlan> abc = DomainList.of(List.of(a, b, c));

  @Test
  void removesAndInsertsByVni() {
    L2DomainPlan first = domain("first", 5);
    L2DomainPlan middle = domain("middle", 25);
    L2DomainPlan last = domain("last", 40);
    assertEquals(List.of(first, a, middle, c, last), abc.patched(List.of(key(b)), List.of(last, middle, first)));
  }

  @Test
  void replacesTheDomainAtTheSameVni() {
    L2DomainPlan b2 = domain("b", 20);
    DomainList<L2DomainPlan> patched = abc.patched(List.of(key(b)), List.of(b2));
    assertEquals(List.of(a, b2, c), patched);
    assertSame(b2, patched.get(1));
    assertSame(a, patched.get(0));
  }

  @Test
  void aKeyWhoseVniHoldsAnotherSourceRemovesNothing() {
    DomainList<L2DomainPlan> same = abc.patched(List.of(new DomainList.Key(20, ObjectId.l2Vni("ns", "other")),
        new DomainList.Key(99, b.source())), List.of());
    assertSame(abc, same);
    assertEquals(List.of(a, c), abc.patched(List.of(key(b), key(b)), List.of()));
    assertEquals(List.of(), abc.patched(List.of(key(c), key(a), key(b)), List.of()));
  }

  @Test
  void isAnImmutableListEqualToAnyListOfTheSameDomains() {
    assertEquals(List.of(a, b, c), abc);
    assertEquals(abc, List.of(a, b, c));
    assertEquals(List.of(a, b, c).hashCode(), abc.hashCode());
    assertEquals(abc, DomainList.of(List.of(domain("a", 10), domain("b", 20), domain("c", 30))));
    assertEquals(1, abc.indexOf(20));
    assertEquals(-3, abc.indexOf(25));
    assertThrows(UnsupportedOperationException.class, () -> abc.add(a));
    assertThrows(UnsupportedOperationException.class, () -> abc.set(0, b));
    assertThrows(NullPointerException.class, () -> DomainList.of(java.util.Arrays.asList(a, null)));
  }
}
