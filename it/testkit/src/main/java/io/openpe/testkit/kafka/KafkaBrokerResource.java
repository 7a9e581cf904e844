package io.openpe.testkit.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real KRaft broker for a {@code @QuarkusTest} and points the application's Kafka clients at it.
 *
 * <p>The openpe topics exist with their DESIGN §8 cleanup policies before the application starts. Use with {@code @QuarkusTestResource(KafkaBrokerResource.class)} (or {@code @WithTestResource}). Tests that talk
 * to the broker themselves get its address from the {@code kafka.bootstrap.servers} config property; a fault test
 * gets the broker itself in a field marked {@link InjectKafkaBroker} (stop and start it again: same port, same data)
 * and declares the resource with {@code restrictToAnnotatedClass = true}, so that it has a broker of its own: an
 * unrestricted resource applies to every {@code @QuarkusTest} of the module, and the other classes would share the
 * broker it stops.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class,
                KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
