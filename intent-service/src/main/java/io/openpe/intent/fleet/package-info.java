/**
 * Fleet checks: this cluster's validated intents and planned node addresses against the other clusters' (as read
 * from the shared Kafka), and what conflicts between them. Pure, like the planner: values in, findings out.
 */
package io.openpe.intent.fleet;
