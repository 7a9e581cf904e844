package io.openpe.migration.api;

import com.google.protobuf.MessageLite;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.store.DeciderReadiness;
import io.openpe.migration.store.EventCodec;
import io.openpe.migration.store.InputCodec;
import io.openpe.migration.store.SnapshotCodec;
import io.openpe.migration.v1.CancelRequest;
import io.openpe.migration.v1.CancelResponse;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.GetResponse;
import io.openpe.migration.v1.ListRequest;
import io.openpe.migration.v1.ListResponse;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartRequest;
import io.openpe.migration.v1.StartResponse;
import io.openpe.migration.v1.WatchRequest;
import io.openpe.migration.v1.WatchResponse;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.Topics;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * MigrationService: writes starts and cancels to {@code openpe.migration-inputs} and answers from {@link
 * MigrationView} once the decider's snapshot is there. A start with a known id returns the migration as it is (no
 * new input); a start for a VM another migration holds is {@code FAILED_PRECONDITION} naming the holder; a cancel
 * after the pivot is {@code FAILED_PRECONDITION} with the reason.
 */
@GrpcService
public class MigrationGrpcService extends MigrationServiceGrpc.MigrationServiceImplBase {
  private static final Logger LOG = Logger.getLogger(MigrationGrpcService.class);

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);
  /**
   * How long a start or cancel waits for Kafka before it answers UNAVAILABLE (docs/decisions.md): the input is then
   * not on the topic and will not be, so the client retries the same call.
   */
  static final Duration WRITE_WITHIN = Duration.ofSeconds(5);
  /**
   * The retry delay a call gets while the coordinator is starting (decider restoring its stores or joining its group,
   * the view reading the snapshots): a start accepted then would wait for a decider that is not there yet.
   */
  static final Duration NOT_READY_RETRY = Duration.ofSeconds(2);
  private static final Set<Phase> FINAL = Set.of(Phase.PHASE_SUCCEEDED, Phase.PHASE_FAILED, Phase.PHASE_CANCELLED,
      Phase.PHASE_REFUSED);
  /** Phases a cancel can leave a migration in (pivoted: it lost the race). */
  private static final Set<Phase> CANCEL_SEEN = Set.of(Phase.PHASE_COMPENSATING, Phase.PHASE_CANCELLED,
      Phase.PHASE_FAILED, Phase.PHASE_SUCCEEDED, Phase.PHASE_PIVOTED, Phase.PHASE_VERIFY_ROUTES);
  private static final Set<EventKind> ENDINGS = Set.of(EventKind.EVENT_KIND_SUCCEEDED, EventKind.EVENT_KIND_FAILED,
      EventKind.EVENT_KIND_CANCELLED, EventKind.EVENT_KIND_REFUSED);

  @Inject
  MigrationView view;

  @Inject
  @Readiness
  DeciderReadiness decider;

  /** Every {@code kafka.*} property (brokers, TLS, SASL): what the API's producer is built from (docs/decisions.md). */
  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  @Inject
  MeterRegistry registry;

  private volatile KafkaProducer<String, MessageLite> producer;
  private volatile KafkaClientMetrics producerMetrics;

  void close(@Observes ShutdownEvent shutdown) {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  @Blocking
  public void start(StartRequest request, StreamObserver<StartResponse> response) {
    Map<String, String> violations = SnapshotCodec.violations(request.getMigration());
    if (!violations.isEmpty()) {
      response.onError(GrpcErrors.invalidArgument(violations.entrySet().stream()
          .map(v -> new GrpcErrors.Violation("migration." + v.getKey(), v.getValue())).toList()));
      return;
    }
    if (notReady(true, response)) {
      return;
    }
    MigrationRequest migration = SnapshotCodec.request(request.getMigration());
    Optional<MigrationSnapshot> known = view.get(migration.migrationId());
    if (known.isPresent()) {
      answer(response, StartResponse.newBuilder().setMigration(known.get()).build());
      return;
    }
    LOG.infof("migration %s: start of %s/%s/%s requested", migration.migrationId(), migration.sourceCluster(),
        migration.vmNamespace(), migration.vmName());
    if (!send(migration, InputCodec.start(migration, Instant.now()), response)) {
      return;
    }
    await(migration.migrationId(), snapshot -> true, response,
        snapshot -> StartResponse.newBuilder().setMigration(snapshot).build(), snapshot -> {
      if (snapshot.getPhase() == Phase.PHASE_REFUSED && snapshot.getFailureReason().contains("is held by")) {
        return Status.FAILED_PRECONDITION.withDescription(snapshot.getFailureReason());
      }
      return null;
    });
  }

  @Override
  @Blocking
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> response) {
    if (unset(request.getMigrationId(), response) || notReady(true, response)) {
      return;
    }
    Optional<MigrationSnapshot> known = view.get(request.getMigrationId());
    if (known.isEmpty()) {
      response.onError(Status.NOT_FOUND.withDescription("migration " + request.getMigrationId() + " is not known")
          .asRuntimeException());
      return;
    }
    MigrationSnapshot current = known.get();
    Optional<String> refusal = Saga.cancelRefusal(SnapshotCodec.fromProto(current));
    if (refusal.isPresent()) {
      if (current.getPhase() == Phase.PHASE_PIVOTED || current.getPhase() == Phase.PHASE_VERIFY_ROUTES) {
        response.onError(Status.FAILED_PRECONDITION.withDescription(refusal.get()).asRuntimeException());
      } else {
        answer(response, CancelResponse.newBuilder().setMigration(current).build());
      }
      return;
    }
    MigrationRequest migration = SnapshotCodec.request(current.getRequest());
    if (!send(migration, InputCodec.cancel(migration.migrationId(), request.getReason(), Instant.now()),
        response)) {
      return;
    }
    await(migration.migrationId(), snapshot -> snapshot.getRevision() > current.getRevision()
        && CANCEL_SEEN.contains(snapshot.getPhase()), response,
        snapshot -> CancelResponse.newBuilder().setMigration(snapshot).build(), s -> null);
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> response) {
    if (unset(request.getMigrationId(), response) || notReady(false, response)) {
      return;
    }
    view.get(request.getMigrationId()).ifPresentOrElse(
        snapshot -> answer(response, GetResponse.newBuilder().setMigration(snapshot).build()),
        () -> response.onError(Status.NOT_FOUND.withDescription("migration " + request.getMigrationId()
            + " is not known").asRuntimeException()));
  }

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> response) {
    if (notReady(false, response)) {
      return;
    }
    response.onNext(ListResponse.newBuilder().addAllMigrations(view.all()).build());
    response.onCompleted();
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<WatchResponse> response) {
    String id = request.getMigrationId();
    if (unset(id, response) || notReady(false, response)) {
      return;
    }
    ServerCallStreamObserver<WatchResponse> call = (ServerCallStreamObserver<WatchResponse>) response;
    Object lock = new Object();
    AutoCloseable[] handle = new AutoCloseable[1];
    boolean[] done = new boolean[1];
    Runnable finish = () -> {
      synchronized (lock) {
        if (!done[0]) {
          done[0] = true;
          closeQuietly(handle[0]);
          call.onCompleted();
        }
      }
    };
    synchronized (lock) {
      handle[0] = view.listen(snapshot -> {
      }, event -> {
        if (!event.getMigrationId().equals(id)) {
          return;
        }
        synchronized (lock) {
          if (done[0] || call.isCancelled()) {
            return;
          }
          call.onNext(WatchResponse.newBuilder().setEvent(event).build());
        }
        // Several events share a decision (and its final phase); the end is the event that says so.
        if (ENDINGS.contains(event.getKind())) {
          finish.run();
        }
      });
      Optional<MigrationSnapshot> current = view.get(id);
      if (current.isEmpty()) {
        done[0] = true;
        closeQuietly(handle[0]);
        call.onError(Status.NOT_FOUND.withDescription("migration " + id + " is not known").asRuntimeException());
        return;
      }
      call.onNext(WatchResponse.newBuilder().setEvent(EventCodec.current(SnapshotCodec.fromProto(current.get())))
          .build());
    }
    call.setOnCancelHandler(() -> closeQuietly(handle[0]));
    if (FINAL.contains(view.get(id).orElseThrow().getPhase())) {
      finish.run();
    }
  }

  /**
   * Writes one input and waits for Kafka at most {@link #WRITE_WITHIN}; false (and the call answered UNAVAILABLE)
   * when Kafka did not take it, which the bounded producer then never sends again.
   */
  private boolean send(MigrationRequest migration, MessageLite input, StreamObserver<?> response) {
    KafkaProducer<String, MessageLite> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          KafkaProducer<String, MessageLite> created = ProtobufProducers.bounded(kafka, "migration-api", WRITE_WITHIN);
          producerMetrics = KafkaClients.metrics(registry, created);
          producer = created;
        }
        current = producer;
      }
    }
    try {
      current.send(new ProducerRecord<>(Topics.MIGRATION_INPUTS, InputCodec.key(migration), input))
          .get(WRITE_WITHIN.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.asRuntimeException());
    } catch (java.util.concurrent.ExecutionException | TimeoutException | KafkaException e) {
      response.onError(GrpcErrors.unavailable("Kafka did not take the input within " + WRITE_WITHIN.toSeconds()
          + " s, nothing was changed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), WRITE_WITHIN));
    }
    return false;
  }

  /**
   * UNAVAILABLE with {@link #NOT_READY_RETRY} while the view has not read every snapshot yet, and for a write also
   * while the decider does not run; nothing is written then, so the client repeats the same call.
   */
  private boolean notReady(boolean writes, StreamObserver<?> response) {
    Optional<String> waiting = view.caughtUp() ? Optional.empty()
        : Optional.of("the migration view is still reading " + Topics.MIGRATIONS);
    if (waiting.isEmpty() && writes) {
      waiting = decider.notDeciding().map(state -> "the saga decider is not running yet (" + state + ")");
    }
    waiting.ifPresent(reason -> response.onError(GrpcErrors.unavailable("migration-coordinator is starting: "
        + reason + "; nothing was changed", NOT_READY_RETRY)));
    return waiting.isPresent();
  }

  /** INVALID_ARGUMENT when a request names no migration. */
  private static boolean unset(String migrationId, StreamObserver<?> response) {
    if (!migrationId.isBlank()) {
      return false;
    }
    response.onError(GrpcErrors.invalidArgument("migration_id", "migration id must be set"));
    return true;
  }

  /** Answers with the first snapshot of {@code id} that matches, or DEADLINE_EXCEEDED. */
  private <T> void await(String id, Predicate<MigrationSnapshot> matching, StreamObserver<T> response,
      Function<MigrationSnapshot, T> reply, Function<MigrationSnapshot, Status> failure) {
    CompletableFuture<MigrationSnapshot> seen = new CompletableFuture<>();
    AutoCloseable handle = view.listen(snapshot -> {
      if (snapshot.getMigrationId().equals(id) && matching.test(snapshot)) {
        seen.complete(snapshot);
      }
    }, event -> {
    });
    try {
      view.get(id).filter(matching).ifPresent(seen::complete);
      MigrationSnapshot snapshot = seen.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      Status status = failure.apply(snapshot);
      if (status != null) {
        response.onError(status.asRuntimeException());
      } else {
        answer(response, reply.apply(snapshot));
      }
    } catch (TimeoutException e) {
      response.onError(Status.DEADLINE_EXCEEDED.withDescription("the decider did not answer within "
          + ANSWER_WITHIN.toSeconds() + " s (is it ready? /q/health/ready)").asRuntimeException());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.asRuntimeException());
    } catch (java.util.concurrent.ExecutionException e) {
      response.onError(Status.INTERNAL.withCause(e.getCause()).asRuntimeException());
    } finally {
      closeQuietly(handle);
    }
  }

  private static <T> void answer(StreamObserver<T> response, T reply) {
    response.onNext(reply);
    response.onCompleted();
  }

  private static void closeQuietly(AutoCloseable handle) {
    try {
      if (handle != null) {
        handle.close();
      }
    } catch (Exception ignored) {
      // Removing a listener cannot fail.
    }
  }
}
