/**
 * The Kubernetes API of openpe: fabric8 custom resources for {@code Underlay}, {@code L3VNI} and {@code L2VNI} in group
 * {@code openpe.openperouter.github.io/v1alpha1}, shaped exactly like the seed documents. Plain data, no logic: numbers are
 * boxed so that validation can tell "missing" from 0 and reject out-of-range values instead of overflowing.
 */
package io.openpe.intent.api;
