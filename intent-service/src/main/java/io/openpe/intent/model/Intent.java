package io.openpe.intent.model;

/** One validated intent object. */
public sealed interface Intent permits Underlay, L3Vni, L2Vni {
  ObjectId id();

  /** metadata.generation of the source object, reported back as observedGeneration. */
  long generation();

  NodeSelector nodeSelector();
}
