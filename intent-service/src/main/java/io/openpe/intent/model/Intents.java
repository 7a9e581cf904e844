package io.openpe.intent.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A set of intents, each list sorted by {@link ObjectId} so that equal sets are equal records. */
public record Intents(List<Underlay> underlays, List<L3Vni> l3Vnis, List<L2Vni> l2Vnis) {

  public static final Intents EMPTY = new Intents(List.of(), List.of(), List.of());

  public Intents {
    underlays = sorted(underlays);
    l3Vnis = sorted(l3Vnis);
    l2Vnis = sorted(l2Vnis);
    requireUniqueIds(underlays);
    requireUniqueIds(l3Vnis);
    requireUniqueIds(l2Vnis);
  }

  public static Intents of(Collection<? extends Intent> intents) {
    List<Underlay> underlays = new ArrayList<>();
    List<L3Vni> l3Vnis = new ArrayList<>();
    List<L2Vni> l2Vnis = new ArrayList<>();
    for (Intent intent : intents) {
      switch (intent) {
        case Underlay u -> underlays.add(u);
        case L3Vni l3 -> l3Vnis.add(l3);
        case L2Vni l2 -> l2Vnis.add(l2);
      }
    }
    return new Intents(underlays, l3Vnis, l2Vnis);
  }

  /** These intents with {@code intent} added, or replacing the one with the same id. */
  public Intents with(Intent intent) {
    List<Intent> next = new ArrayList<>(all().size() + 1);
    for (Intent existing : all()) {
      if (!existing.id().equals(intent.id())) {
        next.add(existing);
      }
    }
    next.add(intent);
    return of(next);
  }

  public Intents without(ObjectId id) {
    return of(all().stream().filter(intent -> !intent.id().equals(id)).toList());
  }

  public Optional<Intent> find(ObjectId id) {
    return all().stream().filter(intent -> intent.id().equals(id)).findFirst();
  }

  /** Every intent, sorted by {@link ObjectId}. */
  public List<Intent> all() {
    List<Intent> all = new ArrayList<>(underlays.size() + l3Vnis.size() + l2Vnis.size());
    all.addAll(underlays);
    all.addAll(l3Vnis);
    all.addAll(l2Vnis);
    all.sort(Comparator.comparing(Intent::id));
    return List.copyOf(all);
  }

  public int size() {
    return underlays.size() + l3Vnis.size() + l2Vnis.size();
  }

  private static <T extends Intent> List<T> sorted(List<T> intents) {
    List<T> copy = new ArrayList<>(intents);
    copy.sort(Comparator.comparing(Intent::id));
    return List.copyOf(copy);
  }

  private static void requireUniqueIds(List<? extends Intent> sorted) {
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
        throw new IllegalArgumentException("duplicate intent " + sorted.get(i).id());
      }
    }
  }
}
