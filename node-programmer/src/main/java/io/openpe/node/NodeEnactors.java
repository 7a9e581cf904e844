package io.openpe.node;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.process.ExternalProgram;
import io.openpe.node.reconcile.Enactor;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the real enactor from configuration; a test may replace it with any other {@link Enactor} bean. */
public class NodeEnactors {

    @Produces
    @Singleton
    @DefaultBean
    Enactor enactor(@ConfigProperty(name = "openpe.node.router-netns", defaultValue = Namespaces.DEFAULT_ROUTER)
            String routerNetns,
            @ConfigProperty(name = "openpe.node.host-netns") Optional<String> hostNetns,
            @ConfigProperty(name = "openpe.node.frr.vty-dir") Optional<String> frrVtyDir,
            @ConfigProperty(name = "openpe.node.frr.config-dir") Optional<String> frrConfigDir,
            @ConfigProperty(name = "openpe.node.program-timeout", defaultValue = "120s") Duration programTimeout) {
        // One bound for every ip, vtysh and frr-reload.py run and every daemon vty exchange (ExternalProgram).
        ExternalProgram.limit(programTimeout);
        return forConfig(new Namespaces(routerNetns, hostNetns.filter(h -> !h.isBlank())), frrVtyDir, frrConfigDir)
                ::apply;
    }

    /**
     * FRR is driven only when both its vty socket and config directories are given; without them the agent programs
     * the kernel alone (kernel-only labs).
     */
    public static NodeEnactor forConfig(Namespaces namespaces, Optional<String> frrVtyDir,
            Optional<String> frrConfigDir) {
        Optional<FrrControl> frr = frrVtyDir.isPresent() && frrConfigDir.isPresent()
                ? Optional.of(new FrrControl(FrrTools.in(namespaces.router(), Path.of(frrVtyDir.get()),
                        Path.of(frrConfigDir.get()))))
                : Optional.empty();
        return new NodeEnactor(namespaces, frr);
    }
}
