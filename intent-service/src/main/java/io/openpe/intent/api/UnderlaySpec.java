package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Spec of {@link Underlay}, field names as in the seed documents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnderlaySpec {

  @JsonProperty("asn")
  @JsonPropertyDescription("BGP ASN of the router on each selected node, 1..4294967295.")
  @Required
  @Min(SchemaRules.ASN_MIN)
  @Max(SchemaRules.ASN_MAX)
  private Long asn;

  @JsonProperty("evpn")
  @Required
  private Evpn evpn;

  @JsonProperty("nics")
  @JsonPropertyDescription("Host interfaces moved into the router namespace to reach the fabric.")
  @Required
  @Size(min = 1)
  private List<@Pattern(SchemaRules.INTERFACE_NAME) @Size(max = SchemaRules.INTERFACE_NAME_MAX) String> nics;

  @JsonProperty("neighbors")
  @Required
  @Size(min = 1)
  private List<UnderlayNeighbor> neighbors;

  @JsonProperty("routeridcidr")
  @JsonPropertyDescription("Pool of router ids; node N gets host number N+1. Default 10.0.0.0/24.")
  @Pattern(SchemaRules.IPV4_CIDR)
  @Size(max = SchemaRules.IPV4_CIDR_MAX)
  private String routeridcidr;

  @JsonProperty("nodeSelector")
  private LabelSelector nodeSelector;

  public Long getAsn() {
    return asn;
  }

  public void setAsn(Long asn) {
    this.asn = asn;
  }

  public Evpn getEvpn() {
    return evpn;
  }

  public void setEvpn(Evpn evpn) {
    this.evpn = evpn;
  }

  public List<String> getNics() {
    return nics;
  }

  public void setNics(List<String> nics) {
    this.nics = nics;
  }

  public List<UnderlayNeighbor> getNeighbors() {
    return neighbors;
  }

  public void setNeighbors(List<UnderlayNeighbor> neighbors) {
    this.neighbors = neighbors;
  }

  public String getRouteridcidr() {
    return routeridcidr;
  }

  public void setRouteridcidr(String routeridcidr) {
    this.routeridcidr = routeridcidr;
  }

  public LabelSelector getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  /** The {@code evpn} block of the Underlay. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Evpn {
    @JsonProperty("vtepcidr")
    @JsonPropertyDescription("Pool of VTEP addresses; node N gets host number N (node 0 the network address).")
    @Required
    @Pattern(SchemaRules.IPV4_CIDR)
    @Size(max = SchemaRules.IPV4_CIDR_MAX)
    private String vtepcidr;

    public String getVtepcidr() {
      return vtepcidr;
    }

    public void setVtepcidr(String vtepcidr) {
      this.vtepcidr = vtepcidr;
    }
  }
}
