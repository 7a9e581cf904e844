package io.openpe.lab;

import io.openpe.lab.layout.WorkloadSpec;
import java.util.Optional;

/** The seeds' workloads on L2VNI 110 (bridge {@code br-hs-110}). */
public final class SeedWorkloads {

    /** Seed 000's vm-1 in cluster A, with the MAC the seed gives it. */
    public static final WorkloadSpec VM_1 = new WorkloadSpec("vm-1", "02:03:04:05:06:07", "192.170.1.3/24",
            Optional.of("192.170.1.1"), 110);
    /** Seed 000's vm-2 in cluster B; the seed leaves its MAC to KubeVirt, the lab fixes one. */
    public static final WorkloadSpec VM_2 = new WorkloadSpec("vm-2", "02:03:04:05:06:08", "192.170.1.30/24",
            Optional.of("192.170.1.1"), 110);
    /** Seed 002's first pod (its own run: it shares vm-1's address); macvlan MACs are random, the lab fixes one. */
    public static final WorkloadSpec POD_1 = new WorkloadSpec("pod-1", "02:00:00:00:0a:03", "192.170.1.3/24",
            Optional.of("192.170.1.1"), 110);
    /** Seed 002's second pod, on another node of the same cluster. */
    public static final WorkloadSpec POD_2 = new WorkloadSpec("pod-2", "02:00:00:00:0b:04", "192.170.1.4/24",
            Optional.of("192.170.1.1"), 110);

    private SeedWorkloads() {
    }
}
