package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.openpe.migration.fabric.RouteServiceMacLocator;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Outcome;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.LocateMacResponse;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.WatchMacRequest;
import io.openpe.route.v1.WatchMacResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The route-service adapter of the saga's MAC port against a stand-in RouteService on loopback (route-service's own
 * contract tests cover what it answers; here: what the coordinator asks and how it reads the answers), with seed 003's
 * vm-1 on the mock API servers: MAC 02:03:04:05:06:07 on the workload network {@code evpn} = VNI 110.
 */
class RouteServiceMacLocatorTest {
  private final Scenario world = new Scenario();
  private final StandIn routeService = new StandIn();
  private final Server server;
  private final ManagedChannel channel;

  RouteServiceMacLocatorTest() throws IOException {
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(routeService).build()
        .start();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
        .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private RouteServiceMacLocator locator(Duration watch) {
    return new RouteServiceMacLocator(new ReadVmOnFabric(world.clusters), channel, watch);
  }

  @Test
  void baselineAsksForTheVmsMacInTheWorkloadVni() {
    routeService.location.set(location(A, "100.65.0.1", 3));

    Outcome outcome = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);

    assertEquals(new Outcome.Observed(new MacLocated(A, "100.65.0.1", 3, false)), outcome);
    assertEquals(List.of(request()), routeService.asked);
  }

  @Test
  void aDuplicateReportedByRouteServiceReachesTheSaga() {
    routeService.location.set(location(B, "100.65.1.1", 1).toBuilder().setDuplicate(true).build());

    Outcome outcome = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);

    assertEquals(new Outcome.Observed(new MacLocated(B, "100.65.1.1", 1, true)), outcome);
  }

  @Test
  void aMacWithoutRouteIsNowhereNotAFailure() {
    Outcome outcome = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);

    assertEquals(new Outcome.Observed(MacLocated.nowhere()), outcome);
  }

  @Test
  void verificationWaitsOnWatchMacForTheMoveAndEndsTheCall() throws Exception {
    routeService.location.set(location(A, "100.65.0.1", 0));
    CompletableFuture<Outcome> verified =
        CompletableFuture.supplyAsync(() -> locator(Duration.ofSeconds(30)).awaitArrival(Scenario.MIGRATION));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> routeService.watcher.get() != null);
    assertFalse(verified.isDone(), "the MAC is still behind cluster A: the adapter must keep watching");

    routeService.watcher.get().onNext(WatchMacResponse.newBuilder().setLocation(location(B, "100.65.0.9", 1)).build());

    assertEquals(new Outcome.Observed(new MacLocated(B, "100.65.0.9", 1, false)), verified.get(20, TimeUnit.SECONDS));
    assertTrue(routeService.watchCancelled.await(20, TimeUnit.SECONDS), "WatchMac left open on route-service");
  }

  @Test
  void aMacThatDoesNotMoveIsAnsweredWhereItIsWhenTheWatchTimeIsUp() {
    routeService.location.set(location(A, "100.65.0.1", 0));

    Outcome outcome = locator(Duration.ofMillis(500)).awaitArrival(Scenario.MIGRATION);

    assertEquals(new Outcome.Observed(new MacLocated(A, "100.65.0.1", 0, false)), outcome);
  }

  @Test
  void routeServiceDownIsUnreachableNeverALocation() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    Outcome baseline = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);
    Outcome verify = locator(Duration.ofSeconds(5)).awaitArrival(Scenario.MIGRATION);

    assertEquals("route-service", assertInstanceOf(Outcome.Unreachable.class, baseline).cluster());
    assertEquals("route-service", assertInstanceOf(Outcome.Unreachable.class, verify).cluster());
  }

  @Test
  void afterThePivotTheReceiverVmNamesTheMac() {
    Map<String, Object> spec = world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1").getAdditionalProperties();
    world.client(B).genericKubernetesResources("kubevirt.io/v1", "VirtualMachine").inNamespace("default")
        .resource(receiver(spec)).create();
    world.client(A).genericKubernetesResources("kubevirt.io/v1", "VirtualMachine").inNamespace("default")
        .withName("vm-1").delete();
    routeService.location.set(location(B, "100.65.0.9", 1));

    Outcome outcome = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);

    assertEquals(new Outcome.Observed(new MacLocated(B, "100.65.0.9", 1, false)), outcome);
    assertEquals(List.of(request()), routeService.asked);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVmWithoutMacOnAnL2vniIsRejected() {
    world.client(A).genericKubernetesResources("kubevirt.io/v1", "VirtualMachine").inNamespace("default")
        .withName("vm-1").edit(vm -> {
          var template = (Map<String, Object>) ((Map<String, Object>) vm.getAdditionalProperties().get("spec"))
              .get("template");
          ((Map<String, Object>) template.get("spec")).put("networks", List.of(Map.of("name", "default", "pod",
              Map.of())));
          return vm;
        });

    Outcome outcome = locator(Duration.ofSeconds(5)).locate(Scenario.MIGRATION);

    assertInstanceOf(Outcome.Rejected.class, outcome);
    assertTrue(routeService.asked.isEmpty());
  }

  private static GenericKubernetesResource receiver(Map<String, Object> properties) {
    var vm = new GenericKubernetesResource();
    vm.setApiVersion("kubevirt.io/v1");
    vm.setKind("VirtualMachine");
    vm.setMetadata(new ObjectMetaBuilder().withName("vm-1").withNamespace("default")
        .build());
    vm.setAdditionalProperty("spec", properties.get("spec"));
    return vm;
  }

  private static LocateMacRequest request() {
    return LocateMacRequest.newBuilder().setVni(110).setMac("02:03:04:05:06:07").build();
  }

  private static MacLocation location(String cluster, String vtep, int sequence) {
    return MacLocation.newBuilder().setCluster(cluster).setVtep(vtep).setMobilitySequence(sequence).build();
  }

  /** A stand-in for route-service: one MAC location, what was asked, and the open WatchMac stream. */
  private static final class StandIn extends RouteServiceGrpc.RouteServiceImplBase {
    final AtomicReference<MacLocation> location = new AtomicReference<>();
    final List<LocateMacRequest> asked = new CopyOnWriteArrayList<>();
    final AtomicReference<StreamObserver<WatchMacResponse>> watcher = new AtomicReference<>();
    final CountDownLatch watchCancelled = new CountDownLatch(1);

    @Override
    public void locateMac(LocateMacRequest request, StreamObserver<LocateMacResponse> response) {
      asked.add(request);
      MacLocation now = location.get();
      if (now == null) {
        response.onError(Status.NOT_FOUND.withDescription("no type-2 route").asRuntimeException());
      } else {
        response.onNext(LocateMacResponse.newBuilder().setLocation(now).build());
        response.onCompleted();
      }
    }

    @Override
    public void watchMac(WatchMacRequest request, StreamObserver<WatchMacResponse> response) {
      // The same question as LocateMac's, kept in one list.
      asked.add(LocateMacRequest.newBuilder().setVni(request.getVni()).setMac(request.getMac()).build());
      ((ServerCallStreamObserver<WatchMacResponse>) response).setOnCancelHandler(watchCancelled::countDown);
      MacLocation now = location.get();
      response.onNext(now == null ? WatchMacResponse.getDefaultInstance()
          : WatchMacResponse.newBuilder().setLocation(now).build());
      watcher.set(response);
    }
  }
}
