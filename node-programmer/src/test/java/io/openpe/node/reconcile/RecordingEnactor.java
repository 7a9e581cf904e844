package io.openpe.node.reconcile;

import io.openpe.node.desired.CapabilityFinding;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.frrctl.FrrEnactment;
import io.openpe.node.linux.Enactment;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake {@link Enactor} for in-process tests (no root): records every plan it is asked to apply, can be held at
 * the start of an apply, and answers like a node would: a plan hash seen for the first time costs 3 kernel writes
 * and an FRR reload, a repeated one costs nothing. Plans whose hash starts with "fail" fail their bridge.
 */
public class RecordingEnactor implements Enactor {

    public static final String FRR_HASH = "f00d";

    public final List<Long> applied = new CopyOnWriteArrayList<>();
    private final Set<String> seenHashes = new HashSet<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    /** The next apply waits in {@link #apply} until {@link #release}; returns a latch that opens when it enters. */
    public CountDownLatch hold() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        return entered;
    }

    public void release() {
        gate.countDown();
    }

    @Override
    public Enactment apply(NodePlan plan) {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held apply was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        applied.add(plan.generation());
        boolean fresh;
        synchronized (seenHashes) {
            fresh = seenHashes.add(plan.contentHash());
        }
        Optional<NodePlan.SourceRef> source = Optional.of(new NodePlan.SourceRef("L2VNI", "ns", "layer2"));
        ObjectResult bridge = plan.contentHash().startsWith("fail")
                ? ObjectResult.failed("bridge br-pe-110", source, "no space left")
                : ObjectResult.applied("bridge br-pe-110", source);
        KernelEnactment kernel = new KernelEnactment(List.of(), List.of(bridge), fresh ? 3 : 0,
                List.of(new CapabilityFinding("vrf", false, "RTNETLINK answers: Not supported")));
        return new Enactment(plan.generation(), plan.contentHash(),
                Optional.of(new FrrEnactment(fresh, FRR_HASH, Optional.empty())), List.of(), kernel);
    }
}
