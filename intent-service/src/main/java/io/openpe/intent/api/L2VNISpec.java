package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Spec of {@link L2VNI}, field names as in the seed documents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class L2VNISpec {

  @JsonProperty("vni")
  @JsonPropertyDescription("VXLAN network identifier, 1..16777215, unique across L2VNIs and L3VNIs.")
  @Required
  @Min(SchemaRules.VNI_MIN)
  @Max(SchemaRules.VNI_MAX)
  private Long vni;

  @JsonProperty("vrf")
  @JsonPropertyDescription("VRF the gateway routes in; absent for a disconnected layer 2 overlay.")
  @Pattern(SchemaRules.INTERFACE_NAME)
  @Size(min = 1, max = SchemaRules.INTERFACE_NAME_MAX)
  private String vrf;

  @JsonProperty("l2gatewayip")
  @JsonPropertyDescription("Anycast gateway address with prefix length, e.g. 192.170.1.1/24; immutable.")
  @Pattern(SchemaRules.IP_CIDR)
  @Size(max = SchemaRules.IP_CIDR_MAX)
  @ValidationRule(value = SchemaRules.IMMUTABLE, message = "l2gatewayip is immutable")
  private String l2gatewayip;

  @JsonProperty("hostmaster")
  @Required
  private HostMasterSpec hostmaster;

  @JsonProperty("vxlanport")
  @JsonPropertyDescription("VXLAN UDP destination port, default 4789.")
  @Min(SchemaRules.PORT_MIN)
  @Max(SchemaRules.PORT_MAX)
  private Integer vxlanport;

  @JsonProperty("nodeSelector")
  private LabelSelector nodeSelector;

  public Long getVni() {
    return vni;
  }

  public void setVni(Long vni) {
    this.vni = vni;
  }

  public String getVrf() {
    return vrf;
  }

  public void setVrf(String vrf) {
    this.vrf = vrf;
  }

  public String getL2gatewayip() {
    return l2gatewayip;
  }

  public void setL2gatewayip(String l2gatewayip) {
    this.l2gatewayip = l2gatewayip;
  }

  public HostMasterSpec getHostmaster() {
    return hostmaster;
  }

  public void setHostmaster(HostMasterSpec hostmaster) {
    this.hostmaster = hostmaster;
  }

  public Integer getVxlanport() {
    return vxlanport;
  }

  public void setVxlanport(Integer vxlanport) {
    this.vxlanport = vxlanport;
  }

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }
}
