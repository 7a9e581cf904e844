package io.openpe.node;

import io.openpe.node.config.NodeProgrammerConfig;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.linux.VrfDatapath;
import io.openpe.node.process.ExternalProgram;
import io.openpe.node.reconcile.Enactor;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Produces the real enactor from configuration; a test may replace it with any other {@link Enactor} bean. */
public class NodeEnactors {

    private static final Logger LOG = Logger.getLogger(NodeEnactors.class);

    @Produces
    @Singleton
    @DefaultBean
    Enactor enactor(NodeProgrammerConfig.Node node) {
        // One bound for every ip, vtysh and frr-reload.py run and every daemon vty exchange (ExternalProgram).
        ExternalProgram.limit(node.programTimeout());
        VrfDatapath.Choice datapath = VrfDatapath.choose(node.vrfDatapath());
        LOG.infof("vrf datapath=%s reason=\"%s\"", datapath.datapath().name().toLowerCase(java.util.Locale.ROOT),
                datapath.reason());
        return forConfig(node.namespaces(), node.frr().vtyDir(), node.frr().configDir(), datapath)::apply;
    }

    /** As {@link #forConfig(Namespaces, Optional, Optional, VrfDatapath.Choice)} on kernel VRFs. */
    public static NodeEnactor forConfig(Namespaces namespaces, Optional<String> frrVtyDir,
            Optional<String> frrConfigDir) {
        return forConfig(namespaces, frrVtyDir, frrConfigDir,
                new VrfDatapath.Choice(VrfDatapath.KERNEL, "default"));
    }

    /**
     * FRR is driven only when both its vty socket and config directories are given; without them the agent programs
     * the kernel alone (kernel-only labs).
     */
    public static NodeEnactor forConfig(Namespaces namespaces, Optional<String> frrVtyDir,
            Optional<String> frrConfigDir, VrfDatapath.Choice datapath) {
        Optional<FrrControl> frr = frrVtyDir.isPresent() && frrConfigDir.isPresent()
                ? Optional.of(new FrrControl(FrrTools.in(namespaces.router(), Path.of(frrVtyDir.get()),
                        Path.of(frrConfigDir.get()))))
                : Optional.empty();
        // zebra writes its pid file beside its vty socket (FRR's run directory).
        Optional<Path> zebraPidFile = frr.isPresent() ? frrVtyDir.map(dir -> Path.of(dir, "zebra.pid"))
                : Optional.empty();
        return new NodeEnactor(namespaces, frr, datapath, zebraPidFile);
    }
}
