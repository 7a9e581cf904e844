package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Spec of {@link Underlay}, field names as in the seed documents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnderlaySpec {

  @JsonProperty("asn")
  @JsonPropertyDescription("BGP ASN of the router on each selected node, 1..4294967295.")
  private Long asn;

  @JsonProperty("evpn")
  private Evpn evpn;

  @JsonProperty("nics")
  @JsonPropertyDescription("Host interfaces moved into the router namespace to reach the fabric.")
  private List<String> nics;

  @JsonProperty("neighbors")
  private List<UnderlayNeighbor> neighbors;

  @JsonProperty("routeridcidr")
  @JsonPropertyDescription("Pool of router ids; node N gets host number N+1. Default 10.0.0.0/24.")
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
    private String vtepcidr;

    public String getVtepcidr() {
      return vtepcidr;
    }

    public void setVtepcidr(String vtepcidr) {
      this.vtepcidr = vtepcidr;
    }
  }
}
