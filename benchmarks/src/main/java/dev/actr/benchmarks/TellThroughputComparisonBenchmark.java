package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.engine.ActrNode;
import dev.actr.engine.SendResult;
import dev.actr.engine.SystemCounter;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One-way message throughput from a host thread to one counting actor, actr against Apache Pekko typed, in one JMH
 * run. The score is messages <em>handled</em> per second (ops/s, one op = one message): each invocation sends
 * {@value #BATCH} messages and returns only when the actor has counted all of them. Neither side measures an
 * unbounded queue: the sender keeps at most {@value #WINDOW} messages sent but not yet handled (it waits, spinning
 * then yielding, when the window is full), the same scheme for both.
 * <ul>
 *     <li>{@link #actrTell}: {@code host().tell(dest, RouteKey, message, timeoutMs)} (the awaiting variant, which also
 *     waits while the ingress ring is full) to an in-memory node with default settings; the actor's typed handler
 *     parses each {@code Int64Value} and counts it.</li>
 *     <li>{@link #actrDurableTell}: the same on a durable node (Chronicle mailbox, each tell enqueued, dispatched
 *     and acked; {@code FsyncPolicy.NONE}).</li>
 *     <li>{@link #pekkoTell}: Pekko typed {@code ActorRef.tell} of a shared constant message to an actor that
 *     counts it (default dispatcher and mailbox). This is the baseline: no encoding, no parsing.</li>
 * </ul>
 * actr encodes each message into the ingress ring as a wire envelope and parses it for the handler; Pekko passes a
 * reference. {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per message over all threads; actr's includes the
 * parsed {@code Int64Value} (the user's message, ~16-24 B), Pekko's its mailbox node. At the end of each trial the
 * node must have counted every tell, no error and no full mailbox.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TellThroughputComparisonBenchmark.BATCH)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TellThroughputComparisonBenchmark
{
    /** Messages per invocation. */
    public static final int BATCH = 10_000;
    /** Most messages sent and not yet handled. */
    public static final int WINDOW = 1_000;

    private static final Int64Value MESSAGE = Int64Value.of(7);
    private static final long TELL_WAIT_MS = 1_000;
    private static final long STUCK_NS = TimeUnit.SECONDS.toNanos(30);

    /** An actr node with the counting actor. */
    @State(Scope.Benchmark)
    public abstract static class ActrCounting
    {
        final AtomicLong handled = new AtomicLong();
        ActrNode node;
        Path directory;
        long sent;

        abstract boolean durable();

        /**
         * Launch the node.
         */
        @Setup(Level.Trial)
        public void launch()
        {
            directory = durable() ? BenchNodes.tempDirectory("actr-tell-bench") : null;
            node = BenchNodes.launch("parking", directory == null ? null : directory.resolve("node"),
                ctx -> ctx.actor(BenchNodes.COUNTER, BenchNodes.countingActor(handled)));
        }

        /**
         * Check every tell was counted and nothing failed, stop the node and delete its files.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            try
            {
                final String what = getClass().getSimpleName();
                BenchNodes.checkClean(node, what);
                final long tells = node.counter(SystemCounter.TELLS);
                if (handled.get() != sent || tells != sent)
                {
                    throw new IllegalStateException(
                        what + ": " + sent + " sent, " + tells + " enqueued, " + handled.get() + " handled");
                }
                node.close();
            }
            finally
            {
                BenchNodes.deleteRecursively(directory);
            }
        }
    }

    /** In-memory node. */
    @State(Scope.Benchmark)
    public static class ActrInMemory extends ActrCounting
    {
        @Override
        boolean durable()
        {
            return false;
        }
    }

    /** Durable node (temporary directory, fsync NONE). */
    @State(Scope.Benchmark)
    public static class ActrDurable extends ActrCounting
    {
        @Override
        boolean durable()
        {
            return true;
        }
    }

    /** A Pekko typed actor system whose guardian is the counting actor. */
    @State(Scope.Benchmark)
    public static class PekkoCounting
    {
        final AtomicLong handled = new AtomicLong();
        ActorSystem<PekkoActors.Count> system;
        long sent;

        /**
         * Start the actor system.
         */
        @Setup(Level.Trial)
        public void start()
        {
            system = PekkoActors.start(PekkoActors.counting(handled), "bench-counter");
        }

        /**
         * Check every tell was counted, terminate the system.
         */
        @TearDown(Level.Trial)
        public void stop()
        {
            try
            {
                if (handled.get() != sent)
                {
                    throw new IllegalStateException("pekko: " + sent + " sent, " + handled.get() + " handled");
                }
            }
            finally
            {
                PekkoActors.terminate(system);
            }
        }
    }

    /**
     * @param actr in-memory node.
     * @return messages handled so far.
     */
    @Benchmark
    public long actrTell(final ActrInMemory actr)
    {
        return actrBatch(actr);
    }

    /**
     * @param actr durable node.
     * @return messages handled so far.
     */
    @Benchmark
    public long actrDurableTell(final ActrDurable actr)
    {
        return actrBatch(actr);
    }

    /**
     * @param pekko the counting actor system.
     * @return messages handled so far.
     */
    @Benchmark
    public long pekkoTell(final PekkoCounting pekko)
    {
        long sent = pekko.sent;
        final long target = sent + BATCH;
        int idles = 0;
        long waitSinceNs = 0;
        while (sent < target)
        {
            if (sent - pekko.handled.getAcquire() >= WINDOW)
            {
                waitSinceNs = idles == 0 ? System.nanoTime() : waitSinceNs;
                idles = idle(idles, waitSinceNs);
                continue;
            }
            idles = 0;
            pekko.system.tell(PekkoActors.Count.INSTANCE);
            sent++;
        }
        pekko.sent = sent;
        awaitHandled(pekko.handled, target);
        return target;
    }

    private static long actrBatch(final ActrCounting actr)
    {
        long sent = actr.sent;
        final long target = sent + BATCH;
        int idles = 0;
        long waitSinceNs = 0;
        while (sent < target)
        {
            if (sent - actr.handled.getAcquire() >= WINDOW)
            {
                waitSinceNs = idles == 0 ? System.nanoTime() : waitSinceNs;
                idles = idle(idles, waitSinceNs);
                continue;
            }
            idles = 0;
            final int result = actr.node.host().tell(BenchNodes.COUNTER_DEST, BenchNodes.COUNT_ROUTE, MESSAGE,
                TELL_WAIT_MS);
            if (result != SendResult.OK)
            {
                throw new IllegalStateException("tell refused: " + SendResult.name(result));
            }
            sent++;
        }
        actr.sent = sent;
        awaitHandled(actr.handled, target);
        return target;
    }

    private static void awaitHandled(final AtomicLong handled, final long target)
    {
        final long waitSinceNs = System.nanoTime();
        int idles = 0;
        while (handled.getAcquire() < target)
        {
            idles = idle(idles, waitSinceNs);
        }
    }

    /**
     * The sender's wait while the window is full: spin a little, then yield (on two cores the actor's thread needs
     * the other one). Gives up, failing the benchmark, when the actor made no progress for 30 s.
     */
    private static int idle(final int idles, final long waitSinceNs)
    {
        if (idles < 100)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
            if ((idles & 1023) == 0 && System.nanoTime() - waitSinceNs > STUCK_NS)
            {
                throw new IllegalStateException("the actor handled nothing for " + STUCK_NS + " ns");
            }
        }
        return idles + 1;
    }
}
