package io.openpe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields the Kubernetes API does not know, in objects of the core kinds: the API server drops them (or refuses them
 * with strict validation), so a misspelt {@code mountPropagation} or {@code readinesProbe} would silently do nothing.
 * fabric8's model keeps every field it has no property for in {@code additionalProperties}; a non-empty one is a
 * field Kubernetes does not have.
 */
final class UnknownFields {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<?>> TYPES = Map.ofEntries(
      Map.entry("Deployment", Deployment.class), Map.entry("DaemonSet", DaemonSet.class),
      Map.entry("StatefulSet", StatefulSet.class), Map.entry("Service", Service.class),
      Map.entry("ServiceAccount", ServiceAccount.class), Map.entry("ConfigMap", ConfigMap.class),
      Map.entry("Namespace", Namespace.class), Map.entry("Role", Role.class), Map.entry("ClusterRole", ClusterRole.class),
      Map.entry("RoleBinding", RoleBinding.class), Map.entry("ClusterRoleBinding", ClusterRoleBinding.class));

  private UnknownFields() {
  }

  /** The paths of unknown fields in {@code object}; empty for a kind this check has no type for. */
  static List<String> of(JsonNode object) {
    Class<?> type = TYPES.get(object.path("kind").asText());
    if (type == null) {
      return List.of();
    }
    Object typed;
    try {
      typed = JSON.treeToValue(object, type);
    } catch (Exception e) {
      return List.of("(not a " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    List<String> found = new ArrayList<>();
    walk(typed, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.") || !seen.add(value)) {
      if (value instanceof Collection<?> items) {
        int i = 0;
        for (Object item : items) {
          walk(item, path + "[" + i++ + "]", found, seen);
        }
      } else if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      }
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) child).keySet().forEach(k -> found.add(path + "." + k));
      } else {
        String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
        walk(child, path + "." + name, found, seen);
      }
    }
  }
}
