package io.openpe.intent.plan;

/** A veth pair: {@code routerName} in the router namespace, {@code hostName} in the host namespace. */
public record VethPlan(String routerName, String hostName, int mtu) {
}
