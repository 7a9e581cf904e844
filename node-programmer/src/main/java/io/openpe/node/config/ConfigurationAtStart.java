package io.openpe.node.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Stops the start, before any other startup work (plan intake, the enactor), when a key breaks its rule. */
@ApplicationScoped
public class ConfigurationAtStart {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            NodeProgrammerConfig.Cluster cluster, NodeProgrammerConfig.Node node, NodeProgrammerConfig.Kafka kafka) {
        NodeProgrammerConfig.check(cluster, node, kafka).requireNoProblems();
    }
}
