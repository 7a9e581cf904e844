package io.openpe.migration.kube;

/** The API server refused a request for good (invalid object, admission webhook, RBAC): retrying will not help. */
public final class ApiRejected extends RuntimeException {
  private final ObjectRef object;
  private final int code;

  public ApiRejected(ObjectRef object, int code, String message, Throwable cause) {
    super(object + ": API server answered " + code + ": " + message, cause);
    this.object = object;
    this.code = code;
  }

  public ObjectRef object() {
    return object;
  }

  public int code() {
    return code;
  }
}
