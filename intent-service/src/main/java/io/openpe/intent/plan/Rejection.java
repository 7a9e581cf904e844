package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;

/** A resource that selects this node but could not be planned for it. */
public record Rejection(ObjectId object, String field, String reason) {
}
