package io.openpe.intent.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A routed overlay: one VRF stretched over EVPN type-5 routes, optionally with a BGP session to the host. */
@Group(Underlay.GROUP)
@Version(Underlay.VERSION)
@AdditionalPrinterColumn(name = "VNI", jsonPath = ".spec.vni", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VRF", jsonPath = ".spec.vrf", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = IntentStatus.READY_JSON_PATH, type = AdditionalPrinterColumn.Type.STRING)
public class L3VNI extends CustomResource<L3VNISpec, IntentStatus> implements Namespaced {
}
