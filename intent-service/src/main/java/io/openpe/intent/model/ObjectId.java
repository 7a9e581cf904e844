package io.openpe.intent.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of an intent object. Ordered by namespace, then name, then kind: "the object first by namespace/name wins"
 * (DESIGN §3) is this ordering.
 */
public record ObjectId(String kind, String namespace, String name) implements Comparable<ObjectId> {
  public static final String UNDERLAY = "Underlay";
  public static final String L3VNI = "L3VNI";
  public static final String L2VNI = "L2VNI";

  private static final Comparator<ObjectId> ORDER = Comparator.comparing(ObjectId::namespace)
      .thenComparing(ObjectId::name)
      .thenComparing(ObjectId::kind);

  public ObjectId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  public static ObjectId underlay(String namespace, String name) {
    return new ObjectId(UNDERLAY, namespace, name);
  }

  public static ObjectId l3Vni(String namespace, String name) {
    return new ObjectId(L3VNI, namespace, name);
  }

  public static ObjectId l2Vni(String namespace, String name) {
    return new ObjectId(L2VNI, namespace, name);
  }

  /** "namespace/name", as used inside messages. */
  public String namespacedName() {
    return namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
