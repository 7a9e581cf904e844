package io.openpe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.openpe.proto.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules every rendered overlay keeps, as a pure function from the objects to what breaks them:
 * <ul>
 *   <li>every workload (Deployment, DaemonSet, StatefulSet) runs as a ServiceAccount of its own, rendered with it;
 *       one that gets an API token is bound to a Role or ClusterRole, and no Role grants {@code *};</li>
 *   <li>every container has CPU and memory requests and a memory limit, drops all capabilities (adding back only
 *       what it names), never escalates, is privileged only as an init step, runs as non-root unless it adds
 *       capabilities, and has an image with a fixed tag;</li>
 *   <li>every long-running container has liveness and readiness probes on its own ports; openpe's images probe
 *       Quarkus' {@code /q/health/live} and {@code /q/health/ready};</li>
 *   <li>every Service selects a workload and targets ports its pods have;</li>
 *   <li>the KafkaTopics, where rendered, are exactly proto's {@link Topics#ALL} with their cleanup policies;</li>
 *   <li>no object of a core kind has a field Kubernetes does not know ({@link UnknownFields}).</li>
 * </ul>
 */
public final class ManifestCheck {
  private static final Set<String> WORKLOADS = Set.of("Deployment", "DaemonSet", "StatefulSet");
  private static final String OPENPE_IMAGE = "openpe/";

  private final List<JsonNode> objects;
  private final List<Violation> violations = new ArrayList<>();

  private ManifestCheck(List<JsonNode> objects) {
    this.objects = objects;
  }

  public static List<Violation> check(List<JsonNode> objects) {
    ManifestCheck check = new ManifestCheck(objects);
    check.workloads();
    check.rbac();
    check.services();
    check.topics();
    check.knownFields();
    return List.copyOf(check.violations);
  }

  private void workloads() {
    Map<String, String> serviceAccountUsers = new HashMap<>();
    for (JsonNode workload : ofKinds(WORKLOADS)) {
      String who = RenderedObjects.describe(workload);
      JsonNode pod = workload.at("/spec/template/spec");
      serviceAccount(who, namespace(workload), pod, serviceAccountUsers);
      for (JsonNode container : pod.path("initContainers")) {
        container(who, pod, container, true);
      }
      for (JsonNode container : pod.path("containers")) {
        container(who, pod, container, false);
        probes(who, container);
      }
    }
  }

  private void serviceAccount(String who, String namespace, JsonNode pod, Map<String, String> users) {
    String name = pod.path("serviceAccountName").asText("");
    if (name.isEmpty() || name.equals("default")) {
      add(who, "runs as the default ServiceAccount; give it one of its own");
      return;
    }
    String previous = users.putIfAbsent(namespace + "/" + name, who);
    if (previous != null) {
      add(who, "shares ServiceAccount " + name + " with " + previous);
    }
    Optional<JsonNode> account = find("ServiceAccount", namespace, name);
    if (account.isEmpty()) {
      add(who, "runs as ServiceAccount " + namespace + "/" + name + ", which is not rendered with it");
      return;
    }
    JsonNode automount = pod.has("automountServiceAccountToken") ? pod.get("automountServiceAccountToken")
        : account.get().path("automountServiceAccountToken");
    boolean getsToken = !automount.isBoolean() || automount.booleanValue();
    if (getsToken && !bound(namespace, name)) {
      add(who, "gets an API token as ServiceAccount " + name + " but no Role or ClusterRole is bound to it;"
          + " bind one or set automountServiceAccountToken: false");
    }
  }

  private boolean bound(String namespace, String serviceAccount) {
    for (JsonNode binding : ofKinds(Set.of("RoleBinding", "ClusterRoleBinding"))) {
      for (JsonNode subject : binding.path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(serviceAccount)
            && subject.path("namespace").asText(namespace(binding)).equals(namespace)) {
          return true;
        }
      }
    }
    return false;
  }

  private void container(String who, JsonNode pod, JsonNode container, boolean init) {
    String c = (init ? "init container " : "container ") + container.path("name").asText("?");
    JsonNode resources = container.path("resources");
    for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
      if (resources.at(field).isMissingNode()) {
        add(who, c + ": no resources" + field.replace('/', '.'));
      }
    }
    JsonNode security = container.path("securityContext");
    if (!contains(security.at("/capabilities/drop"), "ALL")) {
      add(who, c + ": does not drop ALL capabilities");
    }
    boolean privileged = security.path("privileged").asBoolean(false);
    if (privileged && !init) {
      add(who, c + ": is privileged; only a short init step may be");
    }
    if (!privileged && security.path("allowPrivilegeEscalation").asBoolean(true)) {
      add(who, c + ": allowPrivilegeEscalation is not false");
    }
    boolean nonRoot = security.path("runAsNonRoot").asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean(false));
    long user = security.path("runAsUser").asLong(pod.at("/securityContext/runAsUser").asLong(-1));
    boolean namesWhatItNeeds = !security.at("/capabilities/add").isEmpty() || privileged;
    if ((!nonRoot || user == 0) && !namesWhatItNeeds) {
      add(who, c + ": may run as root but adds no capability it needs root for; set runAsNonRoot");
    }
    String image = container.path("image").asText("");
    int slash = image.lastIndexOf('/');
    String tag = image.indexOf(':', slash + 1) < 0 ? "" : image.substring(image.indexOf(':', slash + 1) + 1);
    if (!image.contains("@") && (tag.isEmpty() || tag.equals("latest"))) {
      add(who, c + ": image " + image + " has no fixed tag");
    }
  }

  private void probes(String who, JsonNode container) {
    String c = "container " + container.path("name").asText("?");
    boolean openpe = container.path("image").asText("").startsWith(OPENPE_IMAGE);
    Map<String, String> expected = new TreeMap<>(Map.of("livenessProbe", "/q/health/live",
        "readinessProbe", "/q/health/ready"));
    for (Map.Entry<String, String> probe : expected.entrySet()) {
      JsonNode p = container.path(probe.getKey());
      if (p.isMissingNode()) {
        add(who, c + ": no " + probe.getKey());
        continue;
      }
      if (openpe && !p.at("/httpGet/path").asText().equals(probe.getValue())) {
        add(who, c + ": " + probe.getKey() + " is not httpGet " + probe.getValue());
      }
      JsonNode port = p.at("/httpGet/port");
      if (port.isTextual() && !portNames(List.of(container)).contains(port.asText())) {
        add(who, c + ": " + probe.getKey() + " port " + port.asText() + " is not a port of the container");
      }
    }
  }

  private void rbac() {
    for (JsonNode role : ofKinds(Set.of("Role", "ClusterRole"))) {
      int index = 0;
      for (JsonNode rule : role.path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          if (contains(rule.path(field), "*")) {
            add(RenderedObjects.describe(role), "rule " + index + " grants every " + field + " ('*')");
          }
        }
        index++;
      }
    }
    for (JsonNode binding : ofKinds(Set.of("RoleBinding", "ClusterRoleBinding"))) {
      String who = RenderedObjects.describe(binding);
      String roleKind = binding.at("/roleRef/kind").asText();
      String roleName = binding.at("/roleRef/name").asText();
      if (roleName.equals("cluster-admin") || roleName.equals("admin") || roleName.equals("edit")) {
        add(who, "binds the built-in " + roleName + " role; write a least-privilege role");
      } else if (find(roleKind, roleKind.equals("Role") ? namespace(binding) : "", roleName).isEmpty()) {
        add(who, "binds " + roleKind + " " + roleName + ", which is not rendered");
      }
      for (JsonNode subject : binding.path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount")
            && find("ServiceAccount", subject.path("namespace").asText(namespace(binding)),
                subject.path("name").asText()).isEmpty()) {
          add(who, "binds ServiceAccount " + subject.path("name").asText() + ", which is not rendered");
        }
      }
    }
  }

  private void services() {
    for (JsonNode service : ofKinds(Set.of("Service"))) {
      String who = RenderedObjects.describe(service);
      JsonNode selector = service.at("/spec/selector");
      List<JsonNode> pods = new ArrayList<>();
      for (JsonNode workload : ofKinds(WORKLOADS)) {
        if (namespace(workload).equals(namespace(service)) && matches(selector, workload.at("/spec/template/metadata/labels"))) {
          pods.add(workload.at("/spec/template/spec"));
        }
      }
      if (selector.isEmpty() || pods.isEmpty()) {
        add(who, "selects no workload");
        continue;
      }
      Set<String> names = new HashSet<>();
      pods.forEach(pod -> names.addAll(portNames(pod.path("containers"))));
      for (JsonNode port : service.at("/spec/ports")) {
        JsonNode target = port.path("targetPort");
        if (target.isTextual() && !names.contains(target.asText())) {
          add(who, "targetPort " + target.asText() + " is no port of the pods it selects");
        }
      }
    }
  }

  private void topics() {
    List<JsonNode> rendered = ofKinds(Set.of("KafkaTopic"));
    if (rendered.isEmpty()) {
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    Topics.ALL.forEach(t -> expected.put(t.name(), t.cleanupPolicy()));
    Map<String, String> actual = new TreeMap<>();
    for (JsonNode topic : rendered) {
      String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
      actual.put(name, topic.at("/spec/config/cleanup.policy").asText(""));
      if (topic.at("/metadata/labels/strimzi.io~1cluster").isMissingNode()) {
        add(RenderedObjects.describe(topic), "has no strimzi.io/cluster label: no Strimzi cluster would manage it");
      }
    }
    expected.forEach((name, policy) -> {
      if (!actual.containsKey(name)) {
        add("KafkaTopic " + name, "is in proto's Topics.ALL but not rendered");
      } else if (!actual.get(name).equals(policy)) {
        add("KafkaTopic " + name, "has cleanup.policy '" + actual.get(name) + "', Topics.ALL says '" + policy + "'");
      }
    });
    actual.keySet().stream().filter(name -> !expected.containsKey(name))
        .forEach(name -> add("KafkaTopic " + name, "is not one of proto's Topics.ALL"));
  }

  private void knownFields() {
    for (JsonNode object : objects) {
      UnknownFields.of(object).forEach(path -> add(RenderedObjects.describe(object),
          "has a field Kubernetes does not know: " + path));
    }
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    for (Map.Entry<String, JsonNode> entry : selector.properties()) {
      if (!labels.path(entry.getKey()).asText("\0").equals(entry.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> portNames(Iterable<JsonNode> containers) {
    Set<String> names = new HashSet<>();
    for (JsonNode container : containers) {
      for (JsonNode port : container.path("ports")) {
        if (port.has("name")) {
          names.add(port.get("name").asText());
        }
      }
    }
    return names;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String namespace(JsonNode object) {
    return object.at("/metadata/namespace").asText("");
  }

  private List<JsonNode> ofKinds(Set<String> kinds) {
    return objects.stream().filter(o -> kinds.contains(o.path("kind").asText())).toList();
  }

  private Optional<JsonNode> find(String kind, String namespace, String name) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && namespace(o).equals(namespace)
        && o.at("/metadata/name").asText().equals(name)).findFirst();
  }

  private void add(String object, String rule) {
    violations.add(new Violation(object, rule));
  }
}
