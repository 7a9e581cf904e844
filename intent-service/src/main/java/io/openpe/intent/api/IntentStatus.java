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

  @JsonProperty("fleet")
  private List<FleetConflict> fleet = new ArrayList<>();

  public List<FleetConflict> getFleet() {
    return fleet;
  }

  public void setFleet(List<FleetConflict> fleet) {
    this.fleet = fleet;
  }

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

  /**
   * A conflict between this object and an object of another cluster of the fleet (both read from the shared Kafka).
   * A warning: the object is still planned, and {@code Ready} does not change.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FleetConflict {
    /** VtepCollision, RouterIdCollision, VtepRangeOverlap, RouterIdRangeOverlap, L2VniGatewayMismatch, L2VniVrfMismatch. */
    @JsonProperty("check")
    private String check;

    @JsonProperty("field")
    private String field;

    /** This object's value of the field (for a collision: the node's address). */
    @JsonProperty("value")
    private String value;

    /** This cluster's node, for a collision. */
    @JsonProperty("node")
    private String node;

    @JsonProperty("otherCluster")
    private String otherCluster;

    /** "Kind namespace/name" of the other cluster's object. */
    @JsonProperty("otherObject")
    private String otherObject;

    @JsonProperty("otherNode")
    private String otherNode;

    @JsonProperty("otherValue")
    private String otherValue;

    @JsonProperty("message")
    private String message;

    /** Correlation id of the finding, as in intent-service's log lines (field fleetFinding). */
    @JsonProperty("id")
    private String id;

    public String getCheck() {
      return check;
    }

    public void setCheck(String check) {
      this.check = check;
    }

    public String getField() {
      return field;
    }

    public void setField(String field) {
      this.field = field;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }

    public String getNode() {
      return node;
    }

    public void setNode(String node) {
      this.node = node;
    }

    public String getOtherCluster() {
      return otherCluster;
    }

    public void setOtherCluster(String otherCluster) {
      this.otherCluster = otherCluster;
    }

    public String getOtherObject() {
      return otherObject;
    }

    public void setOtherObject(String otherObject) {
      this.otherObject = otherObject;
    }

    public String getOtherNode() {
      return otherNode;
    }

    public void setOtherNode(String otherNode) {
      this.otherNode = otherNode;
    }

    public String getOtherValue() {
      return otherValue;
    }

    public void setOtherValue(String otherValue) {
      this.otherValue = otherValue;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }
  }
}
