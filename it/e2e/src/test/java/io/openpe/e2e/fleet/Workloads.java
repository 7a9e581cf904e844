package io.openpe.e2e.fleet;

import io.openpe.lab.FabricLab;
import io.openpe.lab.LabNode;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The workloads one test plugs, unplugged again when the test ends (also when it fails), so that seed 002's pod and
 * seed 000's vm-1, which share 192.170.1.3 in cluster A, are never on the fabric together.
 */
public final class Workloads implements AutoCloseable {

    /** node-programmer creates br-hs-110 within seconds of its plan; a fresh fleet may still be converging. */
    public static final Duration BRIDGE_TIMEOUT = Duration.ofSeconds(90);

    private final FabricLab lab;
    private final List<Workload> plugged = new ArrayList<>();

    public Workloads(FabricLab lab) {
        this.lab = lab;
    }

    public Workload plug(WorkloadSpec spec, LabNode node) {
        Workload workload = lab.plug(spec, node, BRIDGE_TIMEOUT);
        plugged.add(workload);
        return workload;
    }

    /** Deletes the host end of the workload's veth (the bridge CNI's DEL): eth0 goes with it. */
    public static void unplug(Workload workload) {
        workload.node().hostIp("link", "del", workload.spec().hostPort());
    }

    @Override
    public void close() {
        plugged.forEach(Workloads::unplug);
        plugged.clear();
    }
}
