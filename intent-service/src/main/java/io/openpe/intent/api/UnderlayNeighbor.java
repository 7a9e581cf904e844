package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A fabric BGP neighbor of the Underlay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnderlayNeighbor {
  @JsonProperty("asn")
  private Long asn;

  @JsonProperty("address")
  private String address;

  public UnderlayNeighbor() {
  }

  public UnderlayNeighbor(Long asn, String address) {
    this.asn = asn;
    this.address = address;
  }

  public Long getAsn() {
    return asn;
  }

  public void setAsn(Long asn) {
    this.asn = asn;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }
}
