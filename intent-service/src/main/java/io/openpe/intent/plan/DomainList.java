package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A node's domains, sorted by VNI and immutable. A plan holds thousands of domains and a change to one VNI alters one
 * of them on each node it selects: {@link #patched} builds the new list in one array copy and shares every other
 * domain with the old list, where ArrayList plus {@code List.copyOf} cost four passes. Winners have unique VNIs, so a
 * VNI finds at most one domain.
 */
final class DomainList<T extends DomainPlan> extends AbstractList<T> implements RandomAccess {
  private static final DomainList<?> EMPTY = new DomainList<>(new DomainPlan[0]);

  private final DomainPlan[] domains;

  /** The VNI and source of a domain to drop. */
  record Key(long vni, ObjectId source) {
  }

  private DomainList(DomainPlan[] domains) {
    this.domains = domains;
  }

  /** {@code domains}, already sorted by VNI, as one list; a DomainList is returned as it is. */
  static <T extends DomainPlan> DomainList<T> of(Collection<T> domains) {
    if (domains instanceof DomainList<T> list) {
      return list;
    }
    DomainPlan[] copy = domains.toArray(new DomainPlan[0]);
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == null) {
        throw new NullPointerException("domain " + i);
      }
    }
    @SuppressWarnings("unchecked")
    DomainList<T> list = copy.length == 0 ? (DomainList<T>) EMPTY : new DomainList<>(copy);
    return list;
  }

  /** Position of the domain with {@code vni}, or {@code -(insertion point) - 1} as in {@link Arrays#binarySearch}. */
  int indexOf(long vni) {
    int low = 0;
    int high = domains.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = domains[mid].vni();
      if (value < vni) {
        low = mid + 1;
      } else if (value > vni) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /**
   * This list without the domains matching {@code removed} (a key whose VNI holds another source's domain is ignored)
   * and with {@code added} inserted by VNI; this same list when nothing changes.
   */
  DomainList<T> patched(Collection<Key> removed, List<T> added) {
    int[] removeAt = removed.stream().mapToInt(this::positionOf).filter(i -> i >= 0).sorted().distinct().toArray();
    if (removeAt.length == 0 && added.isEmpty()) {
      return this;
    }
    DomainPlan[] adds = added.toArray(new DomainPlan[0]);
    Arrays.sort(adds, Comparator.comparingLong(DomainPlan::vni));
    int[] insertAt = new int[adds.length];
    for (int a = 0; a < adds.length; a++) {
      int at = indexOf(adds[a].vni());
      insertAt[a] = at >= 0 ? at : -at - 1;
    }
    DomainPlan[] out = new DomainPlan[domains.length - removeAt.length + adds.length];
    int from = 0;
    int to = 0;
    int r = 0;
    int a = 0;
    while (r < removeAt.length || a < adds.length) {
      int nextRemove = r < removeAt.length ? removeAt[r] : domains.length;
      int nextAdd = a < adds.length ? insertAt[a] : domains.length;
      int stop = Math.min(nextRemove, nextAdd);
      System.arraycopy(domains, from, out, to, stop - from);
      to += stop - from;
      from = stop;
      if (a < adds.length && nextAdd <= nextRemove) {
        out[to++] = adds[a++];
      } else {
        from++;
        r++;
      }
    }
    System.arraycopy(domains, from, out, to, domains.length - from);
    return new DomainList<>(out);
  }

  private int positionOf(Key key) {
    int at = indexOf(key.vni());
    return at >= 0 && domains[at].source().equals(key.source()) ? at : -1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    return (T) domains[index];
  }

  @Override
  public int size() {
    return domains.length;
  }

  @Override
  public Object[] toArray() {
    return Arrays.copyOf(domains, domains.length, Object[].class);
  }

  @Override
  public boolean equals(Object other) {
    if (other instanceof DomainList<?> list) {
      // Lists patched from one another share most domains: Arrays.equals compares those by identity first.
      return list == this || Arrays.equals(domains, list.domains);
    }
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
