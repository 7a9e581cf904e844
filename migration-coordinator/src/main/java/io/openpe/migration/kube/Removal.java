package io.openpe.migration.kube;

/** Where a delete left an object: gone, or someone else's and untouched. */
public record Removal(ObjectRef object, State state) {
  public enum State {
    /** Not on the API server (deleted now, or earlier, or never created). */
    ABSENT,
    /** Exists but was not created by this migration, so it was not deleted. */
    NOT_OURS
  }
}
