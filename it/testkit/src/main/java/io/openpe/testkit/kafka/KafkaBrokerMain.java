package io.openpe.testkit.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's broker, run as a child process:
 * {@code java -cp ... io.openpe.testkit.kafka.KafkaBrokerMain <port> <log-dir>}.
 *
 * <p>Creates the openpe topics, then prints {@code KAFKA READY <bootstrap>} on standard output, and stops cleanly on SIGTERM
 * or when its parent closes standard input.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <port> <log-dir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path logDir = Files.createDirectories(Path.of(args[1]));
        KafkaBroker broker = KafkaBroker.start(port, logDir, false);
        broker.createOpenpeTopics();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        System.out.println("KAFKA READY " + broker.bootstrapServers());
        System.out.flush();
        // The parent keeps our stdin open; EOF means it is gone, and the broker must not outlive it.
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until EOF
                }
            } catch (java.io.IOException ignored) {
                // treated as EOF
            }
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        stopped.await();
    }
}
