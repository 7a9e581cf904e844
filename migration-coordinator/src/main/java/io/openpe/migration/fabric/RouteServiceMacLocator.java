package io.openpe.migration.fabric;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.dispatch.MacLocator;
import io.openpe.migration.dispatch.StepRunner;
import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.Migration;
import io.openpe.migration.step.ReadVmOnFabric;
import io.openpe.migration.step.StepOutcome;
import io.openpe.migration.step.VmOnFabric;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.WatchMacRequest;
import io.openpe.route.v1.WatchMacResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link MacLocator} over route-service: the VM's MAC and VNI come from its spec ({@link ReadVmOnFabric}); the baseline
 * is one LocateMac (NOT_FOUND = not on the fabric yet); verification opens WatchMac and waits, without polling, for a
 * location in the target cluster, answering the last location seen when the watch time is up. route-service down is
 * {@link Outcome.Unreachable} (the saga retries), never a location.
 */
public final class RouteServiceMacLocator implements MacLocator {
  static final String ROUTE_SERVICE = "route-service";
  private final ReadVmOnFabric vms;
  private final RouteServiceGrpc.RouteServiceBlockingStub routes;
  private final Duration watch;

  public RouteServiceMacLocator(ReadVmOnFabric vms, Channel channel, Duration watch) {
    this.vms = vms;
    this.routes = RouteServiceGrpc.newBlockingStub(channel);
    this.watch = watch;
  }

  @Override
  public Outcome locate(Migration migration) {
    return withVm(migration, request -> {
      try {
        return observed(routes.withDeadlineAfter(watch.toMillis(), TimeUnit.MILLISECONDS).locateMac(request)
            .getLocation());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          return new Outcome.Observed(MacLocated.nowhere());
        }
        return failed(e);
      }
    });
  }

  @Override
  public Outcome awaitArrival(Migration migration) {
    return withVm(migration, request -> {
      // Cancelled on the way out: leaving the stream early must end the call on route-service too.
      try (Context.CancellableContext call = Context.current().withCancellation()) {
        return call.call(() -> watch(request, migration.targetCluster()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Outcome watch(LocateMacRequest request, String targetCluster) {
    MacLocated last = null;
    try {
      Iterator<WatchMacResponse> updates = routes.withDeadlineAfter(watch.toMillis(), TimeUnit.MILLISECONDS)
          .watchMac(WatchMacRequest.newBuilder().setVni(request.getVni()).setMac(request.getMac()).build());
      while (updates.hasNext()) {
        WatchMacResponse update = updates.next();
        last = update.hasLocation() ? located(update.getLocation()) : MacLocated.nowhere();
        if (last.cluster().equals(targetCluster)) {
          break;
        }
      }
    } catch (StatusRuntimeException e) {
      if (last == null || e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
        return failed(e);
      }
    }
    return last == null ? new Outcome.Waiting("route-service ended WatchMac without a location update")
        : new Outcome.Observed(last);
  }

  private Outcome withVm(Migration migration, Function<LocateMacRequest, Outcome> ask) {
    StepOutcome<VmOnFabric> vm = vms.run(migration);
    if (!(vm instanceof StepOutcome.Observed<VmOnFabric> observed)) {
      return StepRunner.map(vm, ignored -> null);
    }
    return ask.apply(LocateMacRequest.newBuilder().setVni(Math.toIntExact(observed.value().vni()))
        .setMac(observed.value().mac()).build());
  }

  private static Outcome observed(MacLocation location) {
    return new Outcome.Observed(located(location));
  }

  /**
   * route-service names one owner per MAC and sets {@code duplicate} when two VTEPs claim it with the same sequence
   * (or both sticky); the saga turns that into a warning after the pivot.
   */
  private static MacLocated located(MacLocation location) {
    return new MacLocated(location.getCluster(), location.getVtep(), location.getMobilitySequence(),
        location.getDuplicate());
  }

  private static Outcome failed(StatusRuntimeException e) {
    return switch (e.getStatus().getCode()) {
      case INVALID_ARGUMENT -> new Outcome.Rejected("route-service refused the MAC query: " + e.getStatus());
      default -> new Outcome.Unreachable(ROUTE_SERVICE, e.getStatus().toString());
    };
  }
}
