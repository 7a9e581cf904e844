package io.openpe.migration.saga;

/**
 * Run {@code step} of one migration. The id is {@code migrationId:step:attempt}, so the same command delivered twice
 * has the same id and its result is applied once; a new attempt has a new id and makes every older result stale.
 *
 * @param syncAddress set for {@link Step#SOURCE_MIGRATION}
 * @param baselineSequence the MAC mobility sequence before the move, for {@link Step#VERIFY_ROUTES}; -1 when the MAC
 *     was not seen
 */
public record Command(String id, Step step, int attempt, MigrationRequest request, String syncAddress,
    long baselineSequence) {

  public static String id(String migrationId, Step step, int attempt) {
    return migrationId + ":" + step.label() + ":" + attempt;
  }

  public String migrationId() {
    return request.migrationId();
  }
}
