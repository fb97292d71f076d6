package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ParkingIdleStrategy;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Dest;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * In-process host-to-actor call round trip in SHARED mode (one engine thread), with the engine idling by
 * parking (the default; woken by every publish) or by busy-spinning. Compare with
 * {@link PingPongBaselineBenchmark}, run in the same invocation.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HostCallBenchmark
{
    private static final ActrId ECHO = ActrIds.parse("1@1/bench:echo:1");
    private static final String ROUTE = "bench.Echo.Echo";

    @Param({"parking", "busySpin"})
    String engineIdle;

    private ActrNode node;
    private final Dest echo = Dest.workload(ECHO);
    private final Int64Value request = Int64Value.of(42);

    /**
     * Launch a node with one echo actor.
     */
    @Setup(Level.Trial)
    public void launch()
    {
        node = ActrNode.launch(new NodeContext()
            .threadingMode(ThreadingMode.SHARED)
            .idleStrategy("busySpin".equals(engineIdle) ?
                new BusySpinIdleStrategy() : new ParkingIdleStrategy())
            .actor(ECHO, routes -> routes.handle(ROUTE, Int64Value.parser(), (ctx, value) -> value)));
    }

    /**
     * Stop the node.
     */
    @TearDown(Level.Trial)
    public void close()
    {
        node.close();
    }

    /**
     * @return the echoed value.
     */
    @Benchmark
    public long callBlockingRoundTrip()
    {
        return node.host().callBlocking(echo, ROUTE, request, Int64Value.parser(), 5_000).getValue();
    }
}
