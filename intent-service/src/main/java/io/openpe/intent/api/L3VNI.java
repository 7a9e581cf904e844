package io.openpe.intent.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A routed overlay: one VRF stretched over EVPN type-5 routes, optionally with a BGP session to the host. */
@Group(Underlay.GROUP)
@Version(Underlay.VERSION)
@ShortNames("pel3")
// DESIGN §3: without spec.vrf the object name is the VRF name, so it must be a valid interface name then.
@ValidationRule(value = "!has(self.spec) || has(self.spec.vrf) || (self.metadata.name.matches('" + SchemaRules.INTERFACE_NAME
    + "') && size(self.metadata.name) <= " + SchemaRules.INTERFACE_NAME_MAX + ")",
    message = "without spec.vrf the name is the VRF name: a letter, then letters, digits, _ or -, at most 15 characters")
@AdditionalPrinterColumn(name = "VNI", jsonPath = ".spec.vni", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VRF", jsonPath = ".spec.vrf", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = IntentStatus.READY_JSON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class L3VNI extends CustomResource<L3VNISpec, IntentStatus> implements Namespaced {
}
