package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The host-side bridge of an L2VNI, in both seed spellings: {@code {type: bridge, autocreate: true}} and
 * {@code {type: linux-bridge, linux-bridge: {autocreate: true}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostMasterSpec {

  @JsonProperty("type")
  @JsonPropertyDescription("bridge or linux-bridge (the same thing).")
  @Required
  @Pattern("^(bridge|linux-bridge)$")
  private String type;

  @JsonProperty("autocreate")
  private Boolean autocreate;

  @JsonProperty("name")
  @JsonPropertyDescription("Existing bridge to attach to; required when autocreate is false.")
  @Pattern(SchemaRules.INTERFACE_NAME)
  @Size(min = 1, max = SchemaRules.INTERFACE_NAME_MAX)
  private String name;

  @JsonProperty("linux-bridge")
  private LinuxBridge linuxBridge;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Boolean getAutocreate() {
    return autocreate;
  }

  public void setAutocreate(Boolean autocreate) {
    this.autocreate = autocreate;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LinuxBridge getLinuxBridge() {
    return linuxBridge;
  }

  public void setLinuxBridge(LinuxBridge linuxBridge) {
    this.linuxBridge = linuxBridge;
  }

  /** The nested {@code linux-bridge} block of the second seed spelling. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LinuxBridge {
    @JsonProperty("autocreate")
    private Boolean autocreate;

    @JsonProperty("name")
    @Pattern(SchemaRules.INTERFACE_NAME)
    @Size(min = 1, max = SchemaRules.INTERFACE_NAME_MAX)
    private String name;

    public Boolean getAutocreate() {
      return autocreate;
    }

    public void setAutocreate(Boolean autocreate) {
      this.autocreate = autocreate;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }
}
