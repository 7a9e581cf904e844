/**
 * The clusters' API servers: one fabric8 client per kubeconfig context ({@link io.openpe.migration.kube.Clusters}),
 * KubeVirt, Multus and openpe kinds as generic resources ({@link io.openpe.migration.kube.ResourceKind}), the
 * deterministic names and ownership labels, and the create/delete rules (409 → read → ours or foreign; 404 is
 * success) in {@link io.openpe.migration.kube.Cluster}, the only class that calls an API server.
 */
package io.openpe.migration.kube;
