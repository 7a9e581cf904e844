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
import java.util.List;

/** Spec of {@link L3VNI}, field names as in the seed documents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class L3VNISpec {

  @JsonProperty("vni")
  @JsonPropertyDescription("VXLAN network identifier, 1..16777215, unique across L2VNIs and L3VNIs.")
  @Required
  @Min(SchemaRules.VNI_MIN)
  @Max(SchemaRules.VNI_MAX)
  private Long vni;

  @JsonProperty("vrf")
  @JsonPropertyDescription("VRF name; the object name when absent.")
  @Pattern(SchemaRules.INTERFACE_NAME)
  @Size(min = 1, max = SchemaRules.INTERFACE_NAME_MAX)
  private String vrf;

  @JsonProperty("asn")
  @JsonPropertyDescription("Router-side ASN of the host session; the Underlay's ASN when absent.")
  @Min(SchemaRules.ASN_MIN)
  @Max(SchemaRules.ASN_MAX)
  private Long asn;

  @JsonProperty("hostasn")
  @JsonPropertyDescription("Host-side ASN of the host session.")
  @Min(SchemaRules.ASN_MIN)
  @Max(SchemaRules.ASN_MAX)
  private Long hostasn;

  @JsonProperty("localcidr")
  @JsonPropertyDescription("The host session's networks; immutable.")
  @ValidationRule(value = SchemaRules.IMMUTABLE, message = "localcidr is immutable")
  private LocalCidr localcidr;

  @JsonProperty("exportRTs")
  private List<@Pattern(SchemaRules.ROUTE_TARGET) String> exportRTs;

  @JsonProperty("importRTs")
  private List<@Pattern(SchemaRules.ROUTE_TARGET) String> importRTs;

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

  public Long getAsn() {
    return asn;
  }

  public void setAsn(Long asn) {
    this.asn = asn;
  }

  public Long getHostasn() {
    return hostasn;
  }

  public void setHostasn(Long hostasn) {
    this.hostasn = hostasn;
  }

  public LocalCidr getLocalcidr() {
    return localcidr;
  }

  public void setLocalcidr(LocalCidr localcidr) {
    this.localcidr = localcidr;
  }

  public List<String> getExportRTs() {
    return exportRTs;
  }

  public void setExportRTs(List<String> exportRTs) {
    this.exportRTs = exportRTs;
  }

  public List<String> getImportRTs() {
    return importRTs;
  }

  public void setImportRTs(List<String> importRTs) {
    this.importRTs = importRTs;
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

  /** The host session's point-to-point networks; the router side takes the first usable address. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LocalCidr {
    @JsonProperty("ipv4")
    @Pattern(SchemaRules.IPV4_CIDR)
    @Size(max = SchemaRules.IPV4_CIDR_MAX)
    private String ipv4;

    @JsonProperty("ipv6")
    @Pattern(SchemaRules.IPV6_CIDR)
    @Size(max = SchemaRules.IP_CIDR_MAX)
    private String ipv6;

    public String getIpv4() {
      return ipv4;
    }

    public void setIpv4(String ipv4) {
      this.ipv4 = ipv4;
    }

    public String getIpv6() {
      return ipv6;
    }

    public void setIpv6(String ipv6) {
      this.ipv6 = ipv6;
    }
  }
}
