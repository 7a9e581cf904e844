package io.openpe.migration.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.migration.saga.Observation.MacLocated;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every state against every input. Each row: the state the saga is in, the input, the state it must be in after,
 * the commands it must send and whether the snapshot changed (its revision went up).
 */
class SagaTableTest {

  private static final String TABLE = """
      absent       | start       | absent->running pre-checks#1    | pre-checks          | changed
      running      | start       | running ensure-network#1        |                     | same
      compensating | start       | compensating delete-receiver-vm#1 |                   | same
      pivoted      | start       | pivoted verify-routes#1         |                     | same
      succeeded    | start       | succeeded                       |                     | same
      failed       | start       | failed                          |                     | same
      cancelled    | start       | cancelled                       |                     | same
      refused      | start       | refused                         |                     | same
      absent       | cancel      | absent                          |                     | same
      running      | cancel      | compensating remove-network#1   | remove-network      | changed
      compensating | cancel      | compensating delete-receiver-vm#1 |                   | same
      pivoted      | cancel      | pivoted verify-routes#1         |                     | same
      succeeded    | cancel      | succeeded                       |                     | same
      failed       | cancel      | failed                          |                     | same
      cancelled    | cancel      | cancelled                       |                     | same
      refused      | cancel      | refused                         |                     | same
      absent       | observed    | absent                          |                     | same
      running      | observed    | running receiver-vm#1           | receiver-vm         | changed
      compensating | observed    | compensating remove-network#1   | remove-network      | changed
      pivoted      | observed    | pivoted finalize#1              | finalize            | changed
      succeeded    | observed    | succeeded                       |                     | same
      failed       | observed    | failed                          |                     | same
      cancelled    | observed    | cancelled                       |                     | same
      refused      | observed    | refused                         |                     | same
      absent       | waiting     | absent                          |                     | same
      running      | waiting     | running ensure-network#1        |                     | changed
      compensating | waiting     | compensating delete-receiver-vm#1 |                   | changed
      pivoted      | waiting     | pivoted verify-routes#1         |                     | changed
      succeeded    | waiting     | succeeded                       |                     | same
      failed       | waiting     | failed                          |                     | same
      cancelled    | waiting     | cancelled                       |                     | same
      refused      | waiting     | refused                         |                     | same
      absent       | unreachable | absent                          |                     | same
      running      | unreachable | running ensure-network#1        |                     | changed
      compensating | unreachable | compensating delete-receiver-vm#1 |                   | changed
      pivoted      | unreachable | pivoted verify-routes#1         |                     | changed
      succeeded    | unreachable | succeeded                       |                     | same
      failed       | unreachable | failed                          |                     | same
      cancelled    | unreachable | cancelled                       |                     | same
      refused      | unreachable | refused                         |                     | same
      absent       | conflict    | absent                          |                     | same
      running      | conflict    | compensating remove-network#1   | remove-network      | changed
      compensating | conflict    | failed                          |                     | changed
      pivoted      | conflict    | pivoted finalize#1              | finalize            | changed
      succeeded    | conflict    | succeeded                       |                     | same
      failed       | conflict    | failed                          |                     | same
      cancelled    | conflict    | cancelled                       |                     | same
      refused      | conflict    | refused                         |                     | same
      absent       | rejected    | absent                          |                     | same
      running      | rejected    | compensating remove-network#1   | remove-network      | changed
      compensating | rejected    | failed                          |                     | changed
      pivoted      | rejected    | pivoted finalize#1              | finalize            | changed
      succeeded    | rejected    | succeeded                       |                     | same
      failed       | rejected    | failed                          |                     | same
      cancelled    | rejected    | cancelled                       |                     | same
      refused      | rejected    | refused                         |                     | same
      absent       | tick-soon   | absent                          |                     | same
      running      | tick-soon   | running ensure-network#1        |                     | same
      compensating | tick-soon   | compensating delete-receiver-vm#1 |                   | same
      pivoted      | tick-soon   | pivoted verify-routes#1         |                     | same
      succeeded    | tick-soon   | succeeded                       |                     | same
      failed       | tick-soon   | failed                          |                     | same
      cancelled    | tick-soon   | cancelled                       |                     | same
      refused      | tick-soon   | refused                         |                     | same
      absent       | tick-late   | absent                          |                     | same
      running      | tick-late   | compensating remove-network#1   | remove-network      | changed
      compensating | tick-late   | compensating delete-receiver-vm#2 | delete-receiver-vm | changed
      pivoted      | tick-late   | pivoted finalize#1              | finalize            | changed
      succeeded    | tick-late   | succeeded                       |                     | same
      failed       | tick-late   | failed                          |                     | same
      cancelled    | tick-late   | cancelled                       |                     | same
      refused      | tick-late   | refused                         |                     | same
      """;

  static Stream<Arguments> rows() {
    return TABLE.lines().map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toArray())
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0} × {1} → {2}")
  @MethodSource("rows")
  void everyStateAgainstEveryInput(String state, String input, String expected, String commands, String changed) {
    SagaRun run = in(state);
    String before = SagaRun.describe(run.snapshot.state());
    long revision = run.snapshot.revision();
    String lastCommand = run.commands.isEmpty() ? Command.id(SagaRun.ID, Step.PRE_CHECKS, 1)
        : run.commands.getLast().id();
    String answering = run.snapshot.state() instanceof SagaState.Active ? run.waitingOn() : lastCommand;
    Decision decision = run.apply(switch (input) {
      case "start" -> new SagaInput.Start(SagaRun.REQUEST, "", run.now);
      case "cancel" -> new SagaInput.Cancel("operator", run.now);
      case "observed" -> new SagaInput.StepResult(answering, new Outcome.Observed(
          state.equals("pivoted") ? new MacLocated("cluster-b", "100.65.0.9", 4, false)
              : new Observation.Done("ok")), run.now);
      case "waiting" -> new SagaInput.StepResult(answering, new Outcome.Waiting("not yet"), run.now);
      case "unreachable" -> new SagaInput.StepResult(answering, new Outcome.Unreachable("cluster-b", "refused"),
          run.now);
      case "conflict" -> new SagaInput.StepResult(answering, new Outcome.Conflict("vms/vm-1", "someone", "taken"),
          run.now);
      case "rejected" -> new SagaInput.StepResult(answering, new Outcome.Rejected("forbidden"), run.now);
      case "tick-soon" -> new SagaInput.Tick(run.now.plusSeconds(1));
      case "tick-late" -> new SagaInput.Tick(run.now.plus(Duration.ofDays(1)));
      default -> throw new IllegalArgumentException(input);
    });

    String after = SagaRun.describe(decision.snapshot().state());
    assertEquals(expected, before.equals("absent") && !after.equals("absent") ? "absent->" + after : after);
    List<String> sent = decision.commands().stream().map(c -> c.step().label()).toList();
    assertEquals(commands.isEmpty() ? List.of() : List.of(commands.split(",")), sent);
    assertEquals(changed.equals("changed") ? revision + 1 : revision, decision.snapshot().revision());
  }

  /** Reaches each state through the saga itself. */
  private static SagaRun in(String state) {
    SagaRun run = new SagaRun();
    switch (state) {
      case "absent" -> {
      }
      case "running" -> run.runUpTo(Step.ENSURE_NETWORK);
      case "compensating" -> {
        run.runUpTo(Step.RECEIVER_VM);
        run.cancel("operator");
      }
      case "pivoted" -> run.runUpTo(Step.VERIFY_ROUTES);
      case "succeeded" -> {
        run.runUpTo(Step.FINALIZE);
        run.done();
      }
      case "failed" -> {
        run.runUpTo(Step.ENSURE_NETWORK);
        run.answer(new Outcome.Rejected("forbidden"));
        run.done();
      }
      case "cancelled" -> {
        run.runUpTo(Step.RECEIVER_VM);
        run.cancel("operator");
        run.done();
        run.done();
      }
      case "refused" -> {
        run.start();
        run.observe(new Observation.PreChecked(List.of("feature-gate on cluster-b: DecentralizedLiveMigration off")));
      }
      default -> throw new IllegalArgumentException(state);
    }
    assertEquals(state, SagaRun.describe(run.snapshot.state()).split(" ")[0]);
    return run;
  }
}
