package io.openpe.intent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Status shared by the three kinds: conditions ({@code Ready}, {@code Degraded}) with {@code observedGeneration}, and
 * what failed on which node (per resource and per node, where the anchor only reports per node).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class IntentStatus {
  static final String READY_JSON_PATH = ".status.conditions[?(@.type==\"Ready\")].status";

  @JsonProperty("conditions")
  private List<Condition> conditions = new ArrayList<>();

  @JsonProperty("nodes")
  private List<NodeFailure> nodes = new ArrayList<>();

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<NodeFailure> getNodes() {
    return nodes;
  }

  public void setNodes(List<NodeFailure> nodes) {
    this.nodes = nodes;
  }

  /** One node on which this object could not be applied, and why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NodeFailure {
    @JsonProperty("node")
    private String node;

    @JsonProperty("reason")
    private String reason;

    public NodeFailure() {
    }

    public NodeFailure(String node, String reason) {
      this.node = node;
      this.reason = reason;
    }

    public String getNode() {
      return node;
    }

    public void setNode(String node) {
      this.node = node;
    }

    public String getReason() {
      return reason;
    }

    public void setReason(String reason) {
      this.reason = reason;
    }
  }
}
