package io.openpe.migration.kube;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** {@code openpe.migration.*}: where the clusters' API servers are and which migration networks exist. */
@ConfigMapping(prefix = "openpe.migration")
public interface CoordinatorConfig {

  /** Cluster name → its API server. */
  Map<String, ClusterAccess> clusters();

  /** Network name → the migration L2VNI and its attachment. */
  Map<String, NetworkSettings> networks();

  /** MTU of the fabric underneath; the migration attachment gets it minus the VXLAN overhead. */
  @WithDefault("1450")
  int underlayMtu();

  interface ClusterAccess {
    /** Path of a kubeconfig file. */
    String kubeconfig();

    /** Context in that file; its current context when absent. */
    Optional<String> context();
  }

  interface NetworkSettings {
    long vni();

    String vrf();

    /** The L2VNI's {@code l2gatewayip}, e.g. {@code 192.170.10.1/24}; its subnet is the whereabouts range. */
    String gateway();

    /** Name of the L2VNI custom resource, when the coordinator creates it. */
    @WithDefault("migration")
    String l2vniName();

    @WithDefault("openperouter-system")
    String l2vniNamespace();

    /** The NetworkAttachmentDefinition KubeVirt's {@code spec.configuration.migrations.network} names. */
    @WithDefault("migration-evpn")
    String attachmentName();

    /** KubeVirt's own namespace: KubeVirt looks for the attachment there. */
    @WithDefault("kubevirt")
    String attachmentNamespace();
  }
}
