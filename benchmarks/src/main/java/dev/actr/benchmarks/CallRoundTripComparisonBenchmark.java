package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.engine.ActrNode;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Round trip from a host thread to an echo actor and back, actr against Apache Pekko typed and two bare-thread
 * floors, all in one JMH run. {@code Mode.SampleTime}: the JSON result of each case carries its latency
 * distribution ({@code scorePercentiles}: p50, p90, p99, p99.9, p99.99, max) in µs.
 * <ul>
 *     <li>{@link #actrCallBlocking}: {@code host().callBlocking} on an in-memory node with default settings (the
 *     engine spins ~20 µs, yields ~30 µs after work, then parks; the caller does the same).</li>
 *     <li>{@link #actrDurableCallBlocking}: the same on a durable node (Chronicle mailbox and commit journal in a
 *     temporary directory, {@code FsyncPolicy.NONE}, replay journal off).</li>
 *     <li>{@link #actrBusySpinCallBlocking}: the engine busy-spins ({@code BusySpinIdleStrategy}); the caller is
 *     {@code callBlocking}, which spins for its first 20 µs, so at these latencies both sides spin: two spinning
 *     threads on two cores, like {@link #baselineBusySpinVolatile}. (Spinning on a host future instead would add
 *     a hand-off: futures complete on the node's host executor, not on the engine thread.) Only meaningful with
 *     two otherwise idle cores: when anything else wants a core, the spinning engine takes it from the caller.</li>
 *     <li>{@link #actrCallBlockingRawEcho}: {@link #actrCallBlocking} without the user's messages: the request is a
 *     pre-built constant, the actor replies its raw bytes (no request object) and the caller's parser hands back a
 *     pre-built constant after comparing the bytes. Its {@code gc.alloc.rate.norm} is actr's own allocation per
 *     round trip.</li>
 *     <li>{@link #pekkoAsk}: Pekko typed {@code AskPattern.ask} to an echo actor (default dispatcher), the caller
 *     blocking on the {@code CompletionStage}'s {@code CompletableFuture.get}.</li>
 *     <li>{@link #baselineArrayBlockingQueue} and {@link #baselineBusySpinVolatile}: the
 *     {@link PingPongBaselineBenchmark} states (two threads over blocking queues; two busy-spinning threads over
 *     volatile fields: the floor on two cores).</li>
 * </ul>
 *
 * <p><b>Allocation.</b> Run with {@code -prof gc}; {@code gc.alloc.rate.norm} is bytes allocated per round trip
 * by all threads of the JVM (caller, engine, Pekko's dispatcher): JMH reads the JVM-wide allocation counter around
 * each iteration and divides by its operations, so it also carries JMH's own allocation and the imprecision of the
 * other threads' counters; with few operations per iteration (short iterations, a loaded machine) it reads high.
 * {@link AllocationProbe} drives these same states and methods and gives exact figures per thread.
 * In {@link #actrCallBlocking} it includes the user's messages: the {@code Int64Value} request the engine parses
 * for the handler and the response the caller parses (about 2 × 16-24 B, plus whatever protobuf's parser allocates
 * around them); {@link #actrCallBlockingRawEcho} leaves them out, so the difference of the two is the user's share.
 * Pekko's figure includes its request object, the ask's temporary actor, promise and timeout task, and the future
 * adapter; its reply is a cached boxed {@code Long}. The baselines allocate nothing (the queue's boxed values are
 * cached). Values cycle through [0, 127] and every reply is checked against its request.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallRoundTripComparisonBenchmark
{
    /** Distinct request values (all cached when boxed). */
    static final int DISTINCT = 128;

    /** An actr node with the echo actor; the subclasses choose the idle strategy and the directory. */
    @State(Scope.Benchmark)
    public abstract static class ActrEcho
    {
        final Int64Value[] requests = new Int64Value[DISTINCT];
        final BenchNodes.ConstantInt64Parser[] parsers = new BenchNodes.ConstantInt64Parser[DISTINCT];
        ActrNode node;
        Path directory;
        long calls;

        abstract String idleStrategy();

        abstract boolean durable();

        /**
         * Launch the node.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            for (int i = 0; i < DISTINCT; i++)
            {
                requests[i] = Int64Value.of(i);
                parsers[i] = new BenchNodes.ConstantInt64Parser(requests[i]);
            }
            directory = durable() ? BenchNodes.tempDirectory("actr-roundtrip-bench") : null;
            node = BenchNodes.launch(idleStrategy(), directory == null ? null : directory.resolve("node"),
                ctx -> ctx.actor(BenchNodes.ECHO, BenchNodes.echoActor()));
        }

        /**
         * Check the node counted no errors, stop it and delete its files.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            try
            {
                BenchNodes.checkClean(node, getClass().getSimpleName());
                node.close();
            }
            finally
            {
                BenchNodes.deleteRecursively(directory);
            }
        }

        long callBlocking()
        {
            final Int64Value request = requests[(int)(calls++ & (DISTINCT - 1))];
            final long reply = node.host().callBlocking(BenchNodes.ECHO_DEST, BenchNodes.ECHO_ROUTE, request,
                Int64Value.parser(), BenchNodes.CALL_TIMEOUT_MS).getValue();
            return BenchNodes.checkEcho(reply, request.getValue(), getClass().getSimpleName());
        }
    }

    /** In-memory node, default (parking) idle strategy. */
    @State(Scope.Benchmark)
    public static class ActrDefault extends ActrEcho
    {
        @Override
        String idleStrategy()
        {
            return "parking";
        }

        @Override
        boolean durable()
        {
            return false;
        }
    }

    /** Durable node (temporary directory, fsync NONE), default idle strategy. */
    @State(Scope.Benchmark)
    public static class ActrDurable extends ActrEcho
    {
        @Override
        String idleStrategy()
        {
            return "parking";
        }

        @Override
        boolean durable()
        {
            return true;
        }
    }

    /** In-memory node whose engine busy-spins. */
    @State(Scope.Benchmark)
    public static class ActrBusySpin extends ActrEcho
    {
        @Override
        String idleStrategy()
        {
            return "busySpin";
        }

        @Override
        boolean durable()
        {
            return false;
        }
    }

    /** A Pekko typed actor system whose guardian is the echo actor. */
    @State(Scope.Benchmark)
    public static class PekkoEcho
    {
        ActorSystem<PekkoActors.Echo> system;
        long calls;

        /**
         * Start the actor system.
         */
        @Setup(Level.Trial)
        public void start()
        {
            system = PekkoActors.start(PekkoActors.echo(), "bench-echo");
        }

        /**
         * Terminate it.
         */
        @TearDown(Level.Trial)
        public void stop()
        {
            PekkoActors.terminate(system);
        }
    }

    /**
     * @param actr in-memory node, default settings.
     * @return the echoed value.
     */
    @Benchmark
    public long actrCallBlocking(final ActrDefault actr)
    {
        return actr.callBlocking();
    }

    /**
     * @param actr durable node.
     * @return the echoed value.
     */
    @Benchmark
    public long actrDurableCallBlocking(final ActrDurable actr)
    {
        return actr.callBlocking();
    }

    /**
     * @param actr busy-spinning engine.
     * @return the echoed value.
     */
    @Benchmark
    public long actrBusySpinCallBlocking(final ActrBusySpin actr)
    {
        return actr.callBlocking();
    }

    /**
     * @param actr in-memory node, default settings.
     * @return the echoed value.
     */
    @Benchmark
    public long actrCallBlockingRawEcho(final ActrDefault actr)
    {
        final int index = (int)(actr.calls++ & (DISTINCT - 1));
        final Int64Value request = actr.requests[index];
        final Int64Value reply = actr.node.host().callBlocking(BenchNodes.ECHO_DEST, BenchNodes.RAW_ECHO_ROUTE,
            request, actr.parsers[index], BenchNodes.CALL_TIMEOUT_MS);
        if (reply != request)
        {
            throw new IllegalStateException("raw echo answered " + reply.getValue() + " to " + request.getValue());
        }
        return reply.getValue();
    }

    /**
     * @param pekko the echo actor system.
     * @return the echoed value.
     */
    @Benchmark
    public long pekkoAsk(final PekkoEcho pekko)
    {
        final long value = pekko.calls++ & (DISTINCT - 1);
        return BenchNodes.checkEcho(PekkoActors.askBlocking(pekko.system, value), value, "pekkoAsk");
    }

    /**
     * @param queues the blocking queue pair of {@link PingPongBaselineBenchmark}.
     * @return the echoed value.
     * @throws InterruptedException if interrupted.
     */
    @Benchmark
    public long baselineArrayBlockingQueue(final PingPongBaselineBenchmark.Queues queues) throws InterruptedException
    {
        return PingPongBaselineBenchmark.roundTrip(queues);
    }

    /**
     * @param spin the volatile field pair of {@link PingPongBaselineBenchmark}.
     * @return the echoed value.
     */
    @Benchmark
    public long baselineBusySpinVolatile(final PingPongBaselineBenchmark.Spin spin)
    {
        return PingPongBaselineBenchmark.roundTrip(spin);
    }
}
