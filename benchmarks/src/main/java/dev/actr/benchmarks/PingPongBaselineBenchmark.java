package dev.actr.benchmarks;

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

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Baselines for {@link HostCallBenchmark}: the round trip between the benchmark thread and one echo thread,
 * over a pair of {@link ArrayBlockingQueue}s (both sides block) and over a pair of volatile fields (both sides
 * busy-spin — on 2 cores that leaves nothing for anything else, which is why the engine does not do it by
 * default).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PingPongBaselineBenchmark
{
    /** Two threads ping-ponging over blocking queues. */
    @State(Scope.Benchmark)
    public static class Queues
    {
        final ArrayBlockingQueue<Long> ping = new ArrayBlockingQueue<>(1);
        final ArrayBlockingQueue<Long> pong = new ArrayBlockingQueue<>(1);
        Thread echo;

        /**
         * Start the echo thread.
         */
        @Setup(Level.Trial)
        public void start()
        {
            echo = new Thread(() ->
            {
                try
                {
                    while (!Thread.currentThread().isInterrupted())
                    {
                        pong.put(ping.take());
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "abq-echo");
            echo.setDaemon(true);
            echo.start();
        }

        /**
         * Stop the echo thread.
         *
         * @throws InterruptedException if interrupted while joining.
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException
        {
            echo.interrupt();
            echo.join(5_000);
        }
    }

    /** Two threads ping-ponging over volatile fields, both busy-spinning. */
    @State(Scope.Benchmark)
    public static class Spin
    {
        volatile long ping;
        volatile long pong;
        volatile boolean running = true;
        long sequence;
        Thread echo;

        /**
         * Start the echo thread.
         */
        @Setup(Level.Trial)
        public void start()
        {
            echo = new Thread(() ->
            {
                long seen = 0;
                while (running)
                {
                    final long value = ping;
                    if (value != seen)
                    {
                        seen = value;
                        pong = value;
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "spin-echo");
            echo.setDaemon(true);
            echo.start();
        }

        /**
         * Stop the echo thread.
         *
         * @throws InterruptedException if interrupted while joining.
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException
        {
            running = false;
            echo.join(5_000);
        }
    }

    /**
     * @param queues the queue pair.
     * @return the echoed value.
     * @throws InterruptedException if interrupted.
     */
    @Benchmark
    public long baselineArrayBlockingQueueRoundTrip(final Queues queues) throws InterruptedException
    {
        return roundTrip(queues);
    }

    /**
     * @param spin the field pair.
     * @return the echoed value.
     */
    @Benchmark
    public long baselineBusySpinVolatileRoundTrip(final Spin spin)
    {
        return roundTrip(spin);
    }

    /**
     * One round trip over the queue pair (also the baseline of {@link CallRoundTripComparisonBenchmark}).
     *
     * @param queues the queue pair.
     * @return the echoed value.
     * @throws InterruptedException if interrupted.
     */
    static long roundTrip(final Queues queues) throws InterruptedException
    {
        queues.ping.put(42L);
        return queues.pong.take();
    }

    /**
     * One round trip over the volatile field pair (also the baseline of {@link CallRoundTripComparisonBenchmark}).
     *
     * @param spin the field pair.
     * @return the echoed value.
     */
    static long roundTrip(final Spin spin)
    {
        final long value = ++spin.sequence;
        spin.ping = value;
        while (spin.pong != value)
        {
            Thread.onSpinWait();
        }
        return value;
    }
}
