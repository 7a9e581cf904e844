/**
 * Kubernetes mode: the node's host bridges as node capacity ({@link io.openpe.node.kube.HostBridgeCapacity} is the
 * pure part, {@link io.openpe.node.kube.NodeCapacity} the fabric8 adapter). Only package that talks to the API server.
 */
package io.openpe.node.kube;
