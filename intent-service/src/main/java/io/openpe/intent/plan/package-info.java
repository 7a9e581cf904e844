/**
 * The pure planner: intents plus node facts in, one {@link io.openpe.intent.plan.NodePlan} per node out. The records
 * mirror {@code openpe/intent/v1/plan.proto} field by field (generation and content hash are added by the publisher).
 * Lists are sorted (domains by VNI, rejections and warnings by object), so equal inputs give equal plans.
 */
package io.openpe.intent.plan;
