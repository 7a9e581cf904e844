package io.openpe.migration.kubevirt;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One cluster's API server: a fabric8 mock server in CRUD mode on loopback. {@link #stop()} shuts the listener down
 * (clients then get "connection refused", as from a dead API server) and {@link #start()} brings it back on the same
 * port with the same objects. {@link #partition()} cuts only the coordinator off (503), the cluster's own controllers
 * go on.
 */
public final class MockCluster implements AutoCloseable {
  private final String name;
  private final KubernetesCrudDispatcher storage = new KubernetesCrudDispatcher();
  private final Dispatcher keepStorage = new Dispatcher() {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (!INSIDE.equals(request.getHeader("User-Agent"))) {
        Partition at = partitionAt.get();
        if (at != null && at.matches(request)) {
          partitioned = true;
          partitionAt.set(null);
        }
        if (partitioned) {
          return new MockResponse().setResponseCode(503).setBody("partitioned from " + name + " (test)");
        }
      }
      return storage.dispatch(request);
    }

    @Override
    public void shutdown() {
      // Stopping the listener must not drop the objects.
    }
  };
  /** The user agent of {@link #client()}: the cluster's own controllers and the test, never cut off by a partition. */
  private static final String INSIDE = "openpe-test-inside-the-cluster";
  private final AtomicReference<Partition> partitionAt = new AtomicReference<>();
  private volatile boolean partitioned;
  private KubernetesMockServer server;
  private int port;
  private final KubernetesClient client;

  public MockCluster(String name) {
    this.name = name;
    this.server = newServer();
    server.init(InetAddress.getLoopbackAddress(), 0);
    this.port = server.getPort();
    this.client = clientFor(url());
  }

  public String name() {
    return name;
  }

  /** {@code http://127.0.0.1:<port>}, stable across {@link #stop()}/{@link #start()}. */
  public String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
  }

  /** A client for tests and the double; the code under test gets its own (see {@link MockClusters#clusters()}). */
  public KubernetesClient client() {
    return client;
  }

  /** The API server goes away: connections are refused until {@link #start()}. */
  public synchronized void stop() {
    if (server != null) {
      server.destroy();
      server = null;
    }
  }

  public synchronized void start() {
    if (server == null) {
      server = newServer();
      server.init(InetAddress.getLoopbackAddress(), port);
    }
  }

  public synchronized boolean running() {
    return server != null;
  }

  /**
   * The network between the coordinator and this API server breaks: every request from outside the cluster (any
   * client but {@link #client()}) answers 503 until {@link #heal()}, while KubeVirt's controllers (the double on
   * {@link #client()}) go on, as a migration does when only the coordinator lost its target.
   */
  public void partition() {
    partitioned = true;
  }

  /**
   * Breaks the network at an exact point: the first outside request with this method whose path starts with
   * {@code pathPrefix} already gets the 503, and so does every outside request after it until {@link #heal()}.
   */
  public void partitionAt(String method, String pathPrefix) {
    partitionAt.set(new Partition(method, pathPrefix));
  }

  public boolean partitioned() {
    return partitioned;
  }

  public void heal() {
    partitionAt.set(null);
    partitioned = false;
  }

  /** Forgets every object and heals a partition. */
  public void clear() {
    heal();
    storage.reset();
  }

  /** No retries inside one request: the saga decides when to try again, and tests stay fast. */
  static KubernetesClient clientFor(String url) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(url)
        .withUserAgent(INSIDE)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(2000)
        .withRequestTimeout(5000)
        .build()).build();
  }

  private record Partition(String method, String pathPrefix) {
    boolean matches(RecordedRequest request) {
      return method.equalsIgnoreCase(request.getMethod()) && request.getPath().startsWith(pathPrefix);
    }
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), keepStorage, false);
  }

  @Override
  public void close() {
    client.close();
    stop();
  }
}
