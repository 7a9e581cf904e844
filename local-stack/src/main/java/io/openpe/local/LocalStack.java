package io.openpe.local;

import io.openpe.lab.FabricLab;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine: a real Kafka broker and the four services as child processes of this one.
 * Ctrl-C (SIGINT/SIGTERM) stops every process it started, services first, the broker last.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Protobuf and Netty still use sun.misc.Unsafe; JDK 25 warns on every start without this. */
    static final String UNSAFE_OK = "--sun-misc-unsafe-memory-access=allow";

    private final StackOptions options;
    private final List<ChildProcess> services = new ArrayList<>();
    private ChildProcess kafka;
    private String bootstrapServers;
    private volatile boolean stopping;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // While the stack stops, the plan printer's client sees the broker go away: expected, not worth a warning.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Path root = Path.of(System.getProperty("openpe.root", ".")).toAbsolutePath().normalize();
        List<String> rest = new ArrayList<>(List.of(args));
        boolean plansOnly = rest.remove("--plans-only");
        String prefix = FabricStack.PREFIX;
        int prefixAt = rest.indexOf("--prefix");
        if (prefixAt >= 0 && prefixAt + 1 < rest.size()) {
            prefix = rest.remove(prefixAt + 1);
            rest.remove(prefixAt);
        }
        StackOptions options;
        try {
            options = StackOptions.parse(root, rest);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Optional<String> noFabric = plansOnly ? Optional.of("--plans-only given") : FabricLab.unavailable();
        if (noFabric.isEmpty()) {
            runOnTheFabric(options, prefix);
            return;
        }
        System.out.println("no fabric (" + noFabric.get() + "): one cluster, plans only, node-programmer observes");
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopping = true;
            System.out.println("\nstopping the local stack ...");
            stack.close();
            System.out.println("stopped: every process the local stack started has exited.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        stack.printWhereToLook();
        try (PlanPrinter printer = new PlanPrinter(stack.bootstrapServers(), options.cluster())) {
            printer.printUntilStopped(() -> stack.stopping || stack.anyServiceDied());
        }
        if (stack.stopping) {
            stopped.await();
            return;
        }
        ChildProcess dead = stack.services.stream().filter(s -> !s.isAlive()).findFirst().orElse(null);
        if (dead != null) {
            System.err.println(dead.name() + " exited unexpectedly; see " + dead.log());
            System.exit(1);
        }
        stopped.await();
    }

    /** The whole system on the fabric lab until Ctrl-C, which removes every process, namespace and link. */
    private static void runOnTheFabric(StackOptions options, String prefix) throws Exception {
        FabricStack stack = new FabricStack(options, prefix);
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopRequested = new java.util.concurrent.atomic.AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            System.out.println("\nstopping the local stack ...");
            main.interrupt();
            stack.close();
            System.out.println("stopped: every process, namespace and link of the local stack (prefix " + prefix
                    + ") is gone.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            if (stopRequested.get()) {
                // Ctrl-C during start-up: the shutdown hook removes what was started.
                return;
            }
            System.err.println("local stack failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("Running. Plans, node statuses and EVPN routes follow as they are published; Ctrl-C stops"
                + " everything.");
        try {
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (stack.anyServiceDied()) {
                    System.err.println("a service exited unexpectedly; see " + options.data().resolve("logs"));
                    System.exit(1);
                }
            }
        } catch (InterruptedException stopping) {
            // Ctrl-C: the shutdown hook removes everything; the JVM exits once it is done.
        }
    }

    /** Starts the stack and returns once every service reports ready. */
    public static LocalStack start(StackOptions options) throws Exception {
        LocalStack stack = new LocalStack(options);
        try {
            stack.start();
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void start() throws Exception {
        for (Service service : Service.values()) {
            if (!Files.exists(service.runnerJar(options.root()))) {
                throw new IllegalStateException(service.runnerJar(options.root())
                        + " is missing: build first with ./mvnw -B -DskipTests install");
            }
        }
        if (!Files.isDirectory(options.intents())) {
            throw new IllegalStateException("intents directory " + options.intents() + " does not exist");
        }
        Path logs = options.data().resolve("logs");
        System.out.println("starting Kafka (KRaft, single node) on 127.0.0.1:" + options.kafkaPort() + " ...");
        kafka = ChildProcess.start("kafka", List.of(java(), "-Xmx512m", UNSAFE_OK,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
                "io.openpe.testkit.kafka.KafkaBrokerMain", Integer.toString(options.kafkaPort()),
                options.data().resolve("kafka").toString()), logs, "KAFKA READY ");
        bootstrapServers = kafka.awaitReadyLine(READY_TIMEOUT).substring("KAFKA READY ".length()).trim();
        System.out.println("  Kafka ready at " + bootstrapServers);
        for (Service service : Service.values()) {
            services.add(ChildProcess.start(service.module(), command(service), logs, null));
        }
        for (Service service : Service.values()) {
            awaitReady(service);
            System.out.printf("  %-22s ready   http://127.0.0.1:%d/q/health  gRPC 127.0.0.1:%d%n", service.module(),
                    options.httpPort(service), options.grpcPort(service));
        }
    }

    private List<String> command(Service service) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", UNSAFE_OK,
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.port=" + options.httpPort(service),
                "-Dquarkus.grpc.server.port=" + options.grpcPort(service),
                "-Dopenpe.cluster=" + options.cluster()));
        switch (service) {
            case INTENT_SERVICE -> {
                command.add("-Dopenpe.intents.directory=" + options.intents());
                command.add("-Dopenpe.kubernetes.enabled=false");
                command.add("-Dopenpe.bmp.address=127.0.0.1");
                command.add("-Dopenpe.bmp.port=" + options.bmpPort());
            }
            case ROUTE_SERVICE -> command.add("-Dopenpe.bmp.port=" + options.bmpPort());
            // Not root here: the agent follows node-0's plan and reports, but does not touch the kernel.
            case NODE_PROGRAMMER -> {
                command.add("-Dopenpe.node.name=node-0");
                command.add("-Dopenpe.node.enact=false");
            }
            default -> {
            }
        }
        command.add("-jar");
        command.add(service.runnerJar(options.root()).toString());
        return command;
    }

    private void awaitReady(Service service) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + options.httpPort(service) + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        ChildProcess child = services.get(service.ordinal());
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(service.module() + " exited during start-up; see " + child.log());
            }
            try {
                var response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.module() + " not ready within " + READY_TIMEOUT + "; see " + child.log());
    }

    private void printWhereToLook() {
        int intentGrpc = options.grpcPort(Service.INTENT_SERVICE);
        System.out.println();
        System.out.println("openpe is running. intent-service reads " + options.intents());
        System.out.println("Where to see the result:");
        System.out.println("  plans (openpe.plans) and node-0's status (openpe.node-status) are printed below as they are published");
        System.out.println("  over gRPC:  grpcurl -plaintext 127.0.0.1:" + intentGrpc
                + " openpe.intent.v1.IntentService/ListPlans");
        System.out.println("  logs (JSON lines):  " + options.data().resolve("logs"));
        System.out.println("  metrics:  http://127.0.0.1:" + options.httpPort(Service.INTENT_SERVICE) + "/q/metrics");
        System.out.println("Edit or add YAML files in the intents directory and the plans follow. Ctrl-C stops everything.");
        System.out.println();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    boolean anyServiceDied() {
        return services.stream().anyMatch(s -> !s.isAlive());
    }

    /** Every process this stack started, the broker included. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> handles = new ArrayList<>(services.stream().map(ChildProcess::handle).toList());
        if (kafka != null) {
            handles.add(kafka.handle());
        }
        return handles;
    }

    @Override
    public synchronized void close() {
        services.reversed().forEach(ChildProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
