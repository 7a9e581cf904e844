package io.openpe.migration.step;

import java.util.List;

/** Every pre-check, passed or not, in a fixed order. Pre-checks only read, so a failed report needs no compensation. */
public record PreCheckReport(List<Check> checks) {
  public PreCheckReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  public List<Check> failures() {
    return checks.stream().filter(check -> !check.passed()).toList();
  }
}
