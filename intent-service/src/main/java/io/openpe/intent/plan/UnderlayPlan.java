package io.openpe.intent.plan;

import io.openpe.intent.model.Neighbor;
import io.openpe.intent.model.ObjectId;
import java.util.List;

/** The node's underlay: {@code vtepIp} is a bare address (a /32 on lo), {@code mtu} the underlay MTU. */
public record UnderlayPlan(ObjectId source, long asn, String routerId, String vtepIp, List<String> nics,
    List<Neighbor> neighbors, int mtu) {
  public UnderlayPlan {
    nics = List.copyOf(nics);
    neighbors = List.copyOf(neighbors);
  }
}
