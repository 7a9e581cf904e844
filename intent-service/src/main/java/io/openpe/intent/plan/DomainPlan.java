package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;

/** What every domain of a plan has: the intent it comes from and its VNI, which orders a node's domains. */
sealed interface DomainPlan permits L3DomainPlan, L2DomainPlan {
  ObjectId source();

  long vni();
}
