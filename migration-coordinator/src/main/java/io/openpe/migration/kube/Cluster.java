package io.openpe.migration.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * One cluster's API server, and the only class that calls it. Every write follows the same rules: create is
 * "409 → read → ours is success, foreign is a {@link ForeignObject}"; delete is "read first, never someone else's,
 * 404 is success". Executors read before they act; these rules cover the races between their read and their write. Transport failures and 5xx become {@link ClusterUnreachable}, refusals {@link ApiRejected}.
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Cluster.class);

  private final String name;
  private final KubernetesClient client;

  public Cluster(String name, KubernetesClient client) {
    this.name = name;
    this.client = client;
  }

  public String name() {
    return name;
  }

  /** Asks the API server for its version: the cheapest request that proves it answers. */
  public String probe() {
    try {
      return client.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      throw unreachableOrRejected(e, null);
    } catch (RuntimeException e) {
      throw new ClusterUnreachable(name, describe(e), e);
    }
  }

  public ObjectRef ref(ResourceKind kind, String namespace, String objectName) {
    return new ObjectRef(name, kind, namespace, objectName);
  }

  public Optional<GenericKubernetesResource> read(ResourceKind kind, String namespace, String objectName) {
    ObjectRef ref = ref(kind, namespace, objectName);
    try {
      return Optional.ofNullable(resources(kind).inNamespace(namespace).withName(objectName).get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw unreachableOrRejected(e, ref);
    }
  }

  /** Every object of {@code kind} in {@code namespace}, or in all namespaces when it is null. */
  public List<GenericKubernetesResource> list(ResourceKind kind, String namespace) {
    return list(kind, namespace, Map.of());
  }

  /** Objects of {@code kind} carrying all of {@code labels}, in {@code namespace} or everywhere when it is null. */
  public List<GenericKubernetesResource> list(ResourceKind kind, String namespace, Map<String, String> labels) {
    try {
      var operation = namespace == null ? resources(kind).inAnyNamespace() : resources(kind).inNamespace(namespace);
      return labels.isEmpty() ? operation.list().getItems() : operation.withLabels(labels).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        // The CRD is not installed: no object of that kind exists.
        return List.of();
      }
      throw unreachableOrRejected(e, ref(kind, namespace == null ? "*" : namespace, "*"));
    }
  }

  /**
   * Creates {@code desired} labelled as owned by {@code migrationId}. A 409 means it exists: it is read, and if it is
   * this migration's (an earlier attempt whose result was lost) that is success.
   *
   * @throws ForeignObject when an object with that name exists and is not this migration's
   */
  public Created create(ResourceKind kind, GenericKubernetesResource desired, String migrationId) {
    ObjectMeta meta = desired.getMetadata();
    ObjectRef ref = ref(kind, meta.getNamespace(), meta.getName());
    GenericKubernetesResource labelled = withOwnership(kind, desired, migrationId);
    try {
      GenericKubernetesResource created = resources(kind).inNamespace(meta.getNamespace()).resource(labelled).create();
      LOG.infof("migration %s: created %s", migrationId, ref);
      return new Created(ref, created, true);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw unreachableOrRejected(e, ref);
      }
      GenericKubernetesResource existing = read(kind, meta.getNamespace(), meta.getName())
          .orElseThrow(() -> new ClusterUnreachable(name, ref + " answered 409 and then 404 (deleted meanwhile)", e));
      return new Created(ref, requireOurs(ref, existing, migrationId), false);
    }
  }

  /**
   * @return {@code existing} when migration {@code migrationId} created it
   * @throws ForeignObject otherwise
   */
  public GenericKubernetesResource requireOurs(ObjectRef ref, GenericKubernetesResource existing, String migrationId) {
    if (!Ownership.ownedBy(existing, migrationId)) {
      throw new ForeignObject(ref, Ownership.ownerOf(existing));
    }
    return existing;
  }

  /** Deletes the object if it is this migration's. Absent is success; someone else's is reported, never deleted. */
  public Removal delete(ResourceKind kind, String namespace, String objectName, String migrationId) {
    ObjectRef ref = ref(kind, namespace, objectName);
    Optional<GenericKubernetesResource> existing = read(kind, namespace, objectName);
    if (existing.isEmpty()) {
      return new Removal(ref, Removal.State.ABSENT);
    }
    if (!Ownership.ownedBy(existing.get(), migrationId)) {
      return new Removal(ref, Removal.State.NOT_OURS);
    }
    try {
      resources(kind).inNamespace(namespace).withName(objectName).delete();
      LOG.infof("migration %s: deleted %s", migrationId, ref);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw unreachableOrRejected(e, ref);
      }
    }
    return new Removal(ref, Removal.State.ABSENT);
  }

  /**
   * Applies {@code change} to the current object with optimistic locking (the API server refuses it with 409 if the
   * object changed since it was read; the caller's next attempt reads again).
   */
  public GenericKubernetesResource update(ResourceKind kind, GenericKubernetesResource current,
      UnaryOperator<GenericKubernetesResource> change, String migrationId) {
    ObjectRef ref = ref(kind, current.getMetadata().getNamespace(), current.getMetadata().getName());
    try {
      GenericKubernetesResource updated = resources(kind).inNamespace(ref.namespace())
          .resource(change.apply(copy(current))).update();
      LOG.infof("migration %s: updated %s", migrationId, ref);
      return updated;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new ClusterUnreachable(name, ref + " changed while it was updated; read again", e);
      }
      throw unreachableOrRejected(e, ref);
    }
  }

  /** The raw generic client of one kind, for code that must write status (the KubeVirt double in tests). */
  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(ResourceKind kind) {
    return client.genericKubernetesResources(kind.context());
  }

  @Override
  public void close() {
    client.close();
  }

  private static GenericKubernetesResource withOwnership(ResourceKind kind, GenericKubernetesResource desired,
      String migrationId) {
    GenericKubernetesResource copy = copy(desired);
    copy.setApiVersion(kind.apiVersion());
    copy.setKind(kind.kind());
    Map<String, String> labels = new LinkedHashMap<>();
    if (copy.getMetadata().getLabels() != null) {
      labels.putAll(copy.getMetadata().getLabels());
    }
    labels.putAll(Ownership.labels(migrationId));
    copy.getMetadata().setLabels(labels);
    return copy;
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource object) {
    return io.fabric8.kubernetes.client.utils.Serialization.clone(object);
  }

  private RuntimeException unreachableOrRejected(KubernetesClientException e, ObjectRef ref) {
    int code = e.getCode();
    if (code == 0 || code >= 500 || code == 429 || e.getCause() instanceof IOException) {
      return new ClusterUnreachable(name, describe(e), e);
    }
    return new ApiRejected(ref == null ? ref(ResourceKind.KUBEVIRT, "", "") : ref, code,
        e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage(), e);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
