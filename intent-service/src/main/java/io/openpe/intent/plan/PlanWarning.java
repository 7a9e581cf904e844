package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;

/** Something planned, but not as an operator may expect (e.g. a node-local VRF). */
public record PlanWarning(ObjectId object, String field, String message) {
}
