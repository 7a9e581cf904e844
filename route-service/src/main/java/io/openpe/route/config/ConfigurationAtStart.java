package io.openpe.route.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Stops the start, before any other startup work (BMP server, reconcile), when a key breaks its rule. */
@ApplicationScoped
public class ConfigurationAtStart {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            RouteServiceConfig.Cluster cluster, RouteServiceConfig.Bmp bmp, RouteServiceConfig.Publish publish,
            RouteServiceConfig.Watch watch, RouteServiceConfig.Reconcile reconcile, RouteServiceConfig.Kafka kafka) {
        RouteServiceConfig.check(cluster, bmp, publish, watch, reconcile, kafka).requireNoProblems();
    }
}
