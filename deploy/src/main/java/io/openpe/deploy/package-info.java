/**
 * What {@code k8s/} renders to, checked: {@link io.openpe.deploy.ManifestCheck} is a pure function from the rendered
 * objects to the rules they break; {@link io.openpe.deploy.Kustomize} is the adapter that renders an overlay.
 */
package io.openpe.deploy;
