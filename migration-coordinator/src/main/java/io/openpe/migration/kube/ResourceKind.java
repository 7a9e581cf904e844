package io.openpe.migration.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The kinds the coordinator reads and writes, as fabric8 generic resources: the KubeVirt API is used through its
 * wire format, never through hand-written copies of KubeVirt's Go types (their field names are in the javadoc of the
 * code that reads them, with the KubeVirt source they come from).
 */
public enum ResourceKind {
  VIRTUAL_MACHINE("kubevirt.io", "v1", "VirtualMachine", "virtualmachines"),
  VIRTUAL_MACHINE_INSTANCE("kubevirt.io", "v1", "VirtualMachineInstance", "virtualmachineinstances"),
  VIRTUAL_MACHINE_INSTANCE_MIGRATION("kubevirt.io", "v1", "VirtualMachineInstanceMigration",
      "virtualmachineinstancemigrations"),
  KUBEVIRT("kubevirt.io", "v1", "KubeVirt", "kubevirts"),
  NETWORK_ATTACHMENT_DEFINITION("k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition",
      "network-attachment-definitions"),
  /** intent-service's CRD ({@code k8s/crds/l2vnis.openpe.openperouter.github.io-v1.yml}). */
  L2VNI("openpe.openperouter.github.io", "v1alpha1", "L2VNI", "l2vnis");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;

  ResourceKind(String group, String version, String kind, String plural) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  /** Explicit plural and scope, so no discovery request is needed before the first call. */
  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
