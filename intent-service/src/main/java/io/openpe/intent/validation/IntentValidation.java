package io.openpe.intent.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.Underlay;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.ObjectId;
import java.util.Optional;

/** The entry points of validation: one object on its own, then the accepted objects against each other. */
public final class IntentValidation {
  private IntentValidation() {
  }

  /**
   * Every per-object rule of DESIGN §3, all errors at once. {@code previous} is the last accepted version of the same
   * object; gateway IPs and local CIDRs may not differ from it.
   */
  public static ObjectValidation validateObject(HasMetadata candidate, Optional<? extends Intent> previous) {
    ObjectId id = idOf(candidate);
    FieldErrors errors = new FieldErrors(id);
    ObjectMeta metadata = candidate.getMetadata();
    if (metadata == null || metadata.getName() == null || metadata.getName().isEmpty()) {
      errors.add("metadata.name", FieldErrors.REQUIRED);
    }
    if (metadata == null || metadata.getNamespace() == null || metadata.getNamespace().isEmpty()) {
      errors.add("metadata.namespace", FieldErrors.REQUIRED);
    }
    if (!errors.isEmpty()) {
      return new ObjectValidation.Rejected(errors.all());
    }
    long generation = metadata.getGeneration() == null ? 0 : metadata.getGeneration();
    return switch (candidate) {
      case Underlay underlay when underlay.getSpec() != null ->
          UnderlayValidation.fromCr(id, generation, underlay.getSpec(), errors);
      case L3VNI l3 when l3.getSpec() != null ->
          L3VniValidation.fromCr(id, generation, l3.getSpec(), previous.filter(L3Vni.class::isInstance)
              .map(L3Vni.class::cast), errors);
      case L2VNI l2 when l2.getSpec() != null ->
          L2VniValidation.fromCr(id, generation, l2.getSpec(), previous.filter(L2Vni.class::isInstance)
              .map(L2Vni.class::cast), errors);
      default -> {
        errors.add("spec", FieldErrors.REQUIRED);
        yield new ObjectValidation.Rejected(errors.all());
      }
    };
  }

  /**
   * The cross-object rules of DESIGN §3 over objects that each passed {@link #validateObject}: VNIs unique across
   * L2VNI and L3VNI, one L3VNI per VRF, no overlapping gateway subnets or host-session CIDRs inside a VRF. The object
   * first by namespace/name wins; each loser gets an error naming the winner.
   */
  public static ConflictResolution resolveConflicts(Intents all) {
    return Conflicts.resolve(all);
  }

  /** The identity of a candidate; an object without name or namespace is reported with empty ones. */
  public static ObjectId idOf(HasMetadata candidate) {
    String kind = switch (candidate) {
      case Underlay u -> ObjectId.UNDERLAY;
      case L3VNI l3 -> ObjectId.L3VNI;
      case L2VNI l2 -> ObjectId.L2VNI;
      default -> throw new IllegalArgumentException("not an openpe intent: " + candidate.getClass().getName());
    };
    ObjectMeta metadata = candidate.getMetadata();
    String namespace = metadata == null || metadata.getNamespace() == null ? "" : metadata.getNamespace();
    String name = metadata == null || metadata.getName() == null ? "" : metadata.getName();
    return new ObjectId(kind, namespace, name);
  }
}
