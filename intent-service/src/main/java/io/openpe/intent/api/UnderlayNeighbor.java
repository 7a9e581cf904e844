package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A fabric BGP neighbor of the Underlay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnderlayNeighbor {
  @JsonProperty("asn")
  @Required
  @Min(SchemaRules.ASN_MIN)
  @Max(SchemaRules.ASN_MAX)
  private Long asn;

  @JsonProperty("address")
  @Required
  @Pattern(SchemaRules.IP)
  @Size(max = SchemaRules.IP_MAX)
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
