package io.openpe.intent.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A stretched layer 2 segment (EVPN type-2 routes), exposed on each node through a host bridge. */
@Group(Underlay.GROUP)
@Version(Underlay.VERSION)
@ShortNames("pel2")
@AdditionalPrinterColumn(name = "VNI", jsonPath = ".spec.vni", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VRF", jsonPath = ".spec.vrf", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Gateway", jsonPath = ".spec.l2gatewayip", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = IntentStatus.READY_JSON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class L2VNI extends CustomResource<L2VNISpec, IntentStatus> implements Namespaced {
}
