package io.openpe.migration.saga;

import java.util.List;

/** What {@link Saga#decide} returns: the next snapshot, the commands to run and the events to record, in order. */
public record Decision(MigrationSaga snapshot, List<Command> commands, List<SagaEvent> events) {
  public Decision {
    commands = List.copyOf(commands);
    events = List.copyOf(events);
  }

  public static Decision unchanged(MigrationSaga snapshot) {
    return new Decision(snapshot, List.of(), List.of());
  }

  /** Nothing changed: a duplicate, a stale result or a tick with nothing due. */
  public boolean isUnchanged(MigrationSaga before) {
    return commands.isEmpty() && events.isEmpty() && snapshot.equals(before);
  }
}
