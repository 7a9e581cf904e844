/**
 * Pure validation: from the {@code api} custom resources to the {@code model} intent, or to every
 * {@link io.openpe.intent.validation.ResourceError} at once (DESIGN §3). Reconcile, the gRPC API and the directory
 * source all call {@link io.openpe.intent.validation.IntentValidation}, so a resource is judged the same way wherever it
 * comes from. Depends only on {@code api}, {@code model} and the fabric8 model.
 */
package io.openpe.intent.validation;
