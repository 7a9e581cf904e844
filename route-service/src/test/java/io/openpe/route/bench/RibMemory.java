package io.openpe.route.bench;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.rib.AdjRibIn;
import java.lang.management.ManagementFactory;

/**
 * RIB memory per route at 1M routes: retained heap of one router's {@link AdjRibIn} holding 1,000,000 EVPN routes
 * decoded from the {@link EvpnStream} (FRR-shaped type-2 and type-5 UPDATEs), measured as the difference of used heap
 * after forced full GCs before and after filling it. Not a test; run by hand (docs/benchmarks/route-service.md):
 * <pre>
 * ./mvnw -B -o -q -pl route-service dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx3g -cp route-service/target/test-classes:route-service/target/classes:$(cat route-service/target/bench.cp) \
 *     io.openpe.route.bench.RibMemory [routes]
 * </pre>
 */
public final class RibMemory {

    private RibMemory() {
    }

    public static void main(String[] args) {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BmpSessionDecoder decoder = BmpSessionDecoder.standard();
        AdjRibIn rib = new AdjRibIn();
        long before = usedAfterGc();
        int messages = 0;
        while (rib.size() < target) {
            ByteBuf frame = EvpnStream.frame(messages++);
            if (decoder.decode(frame) instanceof BmpDecodeResult.Decoded d && d.message() instanceof RouteMonitoring rm) {
                rib.apply(rm);
            } else {
                throw new IllegalStateException("message " + messages + " did not decode");
            }
        }
        long after = usedAfterGc();
        int routes = rib.size();
        System.out.printf("routes %d (from %d messages), retained %.1f MiB, %.1f bytes/route%n", routes, messages,
                (after - before) / 1048576.0, (after - before) / (double) routes);
        if (rib.size() != routes) {
            throw new IllegalStateException("keep the RIB reachable until measured");
        }
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
