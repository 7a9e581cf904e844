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

/**
 * One cluster's API server: a fabric8 mock server in CRUD mode on loopback. {@link #stop()} shuts the listener down
 * (clients then get "connection refused", as from a dead API server) and {@link #start()} brings it back on the same
 * port with the same objects.
 */
public final class MockCluster implements AutoCloseable {
  private final String name;
  private final KubernetesCrudDispatcher storage = new KubernetesCrudDispatcher();
  private final Dispatcher keepStorage = new Dispatcher() {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      return storage.dispatch(request);
    }

    @Override
    public void shutdown() {
      // Stopping the listener must not drop the objects.
    }
  };
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

  /** Forgets every object. */
  public void clear() {
    storage.reset();
  }

  /** No retries inside one request: the saga decides when to try again, and tests stay fast. */
  static KubernetesClient clientFor(String url) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(2000)
        .withRequestTimeout(5000)
        .build()).build();
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
