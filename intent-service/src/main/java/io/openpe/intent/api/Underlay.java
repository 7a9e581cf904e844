package io.openpe.intent.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The fabric underlay of the nodes it selects: BGP ASN, VTEP pool, NICs moved into the router and the fabric neighbors. */
@Group(Underlay.GROUP)
@Version(Underlay.VERSION)
@ShortNames("peul")
@AdditionalPrinterColumn(name = "ASN", jsonPath = ".spec.asn", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VTEP CIDR", jsonPath = ".spec.evpn.vtepcidr", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = IntentStatus.READY_JSON_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Underlay extends CustomResource<UnderlaySpec, IntentStatus> implements Namespaced {
  public static final String GROUP = "openpe.openperouter.github.io";
  public static final String VERSION = "v1alpha1";
}
