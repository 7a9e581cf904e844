package io.openpe.intent.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Stops the start, before any other startup work (restore from Kafka, sources), when a key breaks its rule. */
@ApplicationScoped
public class ConfigurationAtStart {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            IntentServiceConfig.Cluster cluster, IntentServiceConfig.Intents intents, IntentServiceConfig.Bmp bmp,
            IntentServiceConfig.Underlay underlay, IntentServiceConfig.Vxlan vxlan, IntentServiceConfig.Kafka kafka) {
        IntentServiceConfig.check(cluster, intents, bmp, underlay, vxlan, kafka).requireNoProblems();
    }
}
