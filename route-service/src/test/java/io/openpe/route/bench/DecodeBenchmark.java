package io.openpe.route.bench;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpSessionDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread decode throughput of BMP Route Monitoring frames carrying EVPN type-2 and type-5 routes (see
 * {@link EvpnStream}). Both benchmarks do the same work, one pass over the stream; they differ only in what one
 * operation counts: a BMP message, or an EVPN NLRI. Run with {@code ./mvnw -B -o -Pbench -pl route-service
 * test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class DecodeBenchmark {

    static final int MESSAGES = 10_000;
    /** 8,000 type-2 messages of one route + 2,000 type-5 messages of four routes. */
    static final int NLRI = 16_000;

    private EvpnStream stream;
    private BmpSessionDecoder decoder;

    @Setup
    public void setUp() {
        stream = new EvpnStream(MESSAGES);
        if (stream.nlri != NLRI) {
            throw new IllegalStateException("stream has " + stream.nlri + " NLRI, expected " + NLRI);
        }
        decoder = BmpSessionDecoder.standard();
        // Fail fast if the stream does not decode: a benchmark of error paths would be meaningless.
        for (ByteBuf frame : stream.frames) {
            if (!(decoder.decode(frame) instanceof BmpDecodeResult.Decoded)) {
                throw new IllegalStateException("benchmark stream does not decode");
            }
            frame.readerIndex(0);
        }
    }

    private void decodeStream(Blackhole bh) {
        for (ByteBuf frame : stream.frames) {
            bh.consume(decoder.decode(frame));
            frame.readerIndex(0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void bmpMessages(Blackhole bh) {
        decodeStream(bh);
    }

    @Benchmark
    @OperationsPerInvocation(NLRI)
    public void evpnNlri(Blackhole bh) {
        decodeStream(bh);
    }
}
