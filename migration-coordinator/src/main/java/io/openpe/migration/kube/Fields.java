package io.openpe.migration.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a generic resource's fields by path ({@code "spec", "template", "spec"}); a missing field or one of
 * another type reads as absent, so one odd object cannot throw out of a step.
 */
public final class Fields {
  private Fields() {
  }

  public static String string(GenericKubernetesResource object, Object... path) {
    Object value = raw(object, path);
    return value instanceof String text ? text : null;
  }

  public static boolean bool(GenericKubernetesResource object, Object... path) {
    return Boolean.TRUE.equals(raw(object, path));
  }

  public static Long number(GenericKubernetesResource object, Object... path) {
    Object value = raw(object, path);
    return value instanceof Number n ? n.longValue() : null;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(GenericKubernetesResource object, Object... path) {
    Object value = raw(object, path);
    return value instanceof List<?> items ? (List<Object>) items : List.of();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(GenericKubernetesResource object, Object... path) {
    Object value = raw(object, path);
    return value instanceof Map<?, ?> fields ? (Map<String, Object>) fields : Map.of();
  }

  /** A field of a nested map ({@code list} items are maps), as text. */
  public static String string(Map<String, Object> fields, String key) {
    return fields.get(key) instanceof String text ? text : null;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> fields, String key) {
    return fields.get(key) instanceof Map<?, ?> nested ? (Map<String, Object>) nested : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(List<Object> items) {
    return items.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
  }

  private static Object raw(GenericKubernetesResource object, Object... path) {
    try {
      return object.get(path);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
