package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.SourceRef;

/**
 * A part of the FRR configuration that one intent asks for (the BGP instance of the Underlay, the VRF, its VNI and
 * BGP instance of an L3VNI), named as node-status reports it, so an FRR failure shows on the intents it concerns.
 */
public record FrrPart(String object, SourceRef source) {
}
