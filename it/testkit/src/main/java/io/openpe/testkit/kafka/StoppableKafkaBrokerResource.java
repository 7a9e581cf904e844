package io.openpe.testkit.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * {@link KafkaBrokerResource} whose broker a test can stop and start again ({@link #broker()}: same port, same data),
 * for outages in the middle of a {@code @QuarkusTest}. One broker per test class that uses it.
 */
public class StoppableKafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker broker;

    /** The running test class's broker. */
    public static KafkaBroker broker() {
        KafkaBroker current = broker;
        if (current == null) {
            throw new IllegalStateException("no StoppableKafkaBrokerResource is active");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
