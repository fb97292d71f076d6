package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeConfiguration;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.RouteKey;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Priority under overload (issue #10): does an {@code RPC_SIGNAL} call get through while the engine thread is
 * saturated with {@code RPC_RELIABLE} work? One actor has a NORMAL route whose handler computes for about
 * {@code actr.bench.workUs} (50 µs; {@link BusyWork}, calibrated) and a SIGNAL route that answers at once. A loader
 * thread offers NORMAL calls at twice what one engine thread can serve, never more than
 * {@code actr.bench.inFlight} (2,000) in flight (a semaphore; host futures); another thread calls the SIGNAL route
 * every millisecond with {@code callBlocking}. The engine routes new arrivals between any two mailbox messages, so a
 * SIGNAL call should wait for at most the one handler running when it arrives.
 *
 * <p>Reported (HdrHistogram percentiles, µs, calls sent during the measurement window only): SIGNAL and NORMAL
 * round trips as their callers saw them, the NORMAL handler's own time, the engine's arrival-to-reply latency per
 * route ({@code ActrNode.latencyNs}), the achieved rates, failures, and the heap used after a full GC before the
 * load and after it drained (flat when nothing leaks), with the highest heap sampled during the run. Warm-up
 * {@code actr.bench.warmupSeconds} (quick 2, full 5), measurement {@code actr.bench.measureSeconds} (quick 5,
 * full 20); the warm-up goes on until the node's dedup window is full (see the heap figures). Writes {@code priority-overload.json} to the results directory ({@link ProbeReport}).
 */
public final class PriorityOverloadProbe
{
    static final RouteKey NORMAL = RouteKey.of("bench.Overload.Work");
    static final RouteKey SIGNAL = RouteKey.of("bench.Overload.Ping", PayloadType.RPC_SIGNAL);
    private static final long NORMAL_TIMEOUT_MS = 60_000;
    private static final long SIGNAL_PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long WARMUP_CAP_S = 30;

    private final SingleWriterRecorder handlerNs = new SingleWriterRecorder(HIGHEST_NS, 3);
    private final Recorder normalNs = new Recorder(HIGHEST_NS, 3);
    private final Histogram signalNs = new Histogram(HIGHEST_NS, 3);
    private final AtomicLong normalCompleted = new AtomicLong();
    private final AtomicLong normalFailed = new AtomicLong();
    private final AtomicLong normalSent = new AtomicLong();
    private final AtomicLong signalFailed = new AtomicLong();
    private final Semaphore inFlight;
    private final int inFlightBound;
    private final long workIterations;
    private volatile boolean running = true;
    private volatile boolean measuring;
    private volatile long measureFromNs;
    private ActrNode node;

    private PriorityOverloadProbe(final int inFlightBound, final long workIterations)
    {
        this.inFlightBound = inFlightBound;
        this.inFlight = new Semaphore(inFlightBound);
        this.workIterations = workIterations;
    }

    /**
     * Run the probe and write its report.
     *
     * @param args none.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final long workNs = TimeUnit.MICROSECONDS.toNanos(ProbeReport.setting("actr.bench.workUs", 50, 50));
        final int bound = (int)ProbeReport.setting("actr.bench.inFlight", 2_000, 2_000);
        final long warmupNs = TimeUnit.SECONDS.toNanos(ProbeReport.setting("actr.bench.warmupSeconds", 2, 5));
        final long measureNs = TimeUnit.SECONDS.toNanos(ProbeReport.setting("actr.bench.measureSeconds", 5, 20));
        final long iterations = BusyWork.calibrate(workNs);
        final PriorityOverloadProbe probe = new PriorityOverloadProbe(bound, iterations);
        final Map<String, Object> report = ProbeReport.header("PriorityOverloadProbe");
        report.put("handlerWorkTargetUs", workNs / 1e3);
        report.put("workIterations", iterations);
        report.put("inFlightBound", bound);
        report.put("offeredNormalRatePerSec", 2 * 1e9 / workNs);
        report.put("signalPeriodMs", 1);
        report.put("warmupSeconds", TimeUnit.NANOSECONDS.toSeconds(warmupNs));
        report.put("measureSeconds", TimeUnit.NANOSECONDS.toSeconds(measureNs));
        probe.run(report, workNs, warmupNs, measureNs);
        System.out.println("wrote " + ProbeReport.write("priority-overload.json", report));
    }

    private Actor actor()
    {
        return routes -> routes
            .handle(NORMAL, Int64Value.parser(), (ctx, request) ->
            {
                final long startNs = System.nanoTime();
                final long result = BusyWork.run(workIterations, request.getValue());
                handlerNs.recordValue(System.nanoTime() - startNs);
                return Int64Value.of(result);
            })
            .handle(SIGNAL, Int64Value.parser(), (ctx, request) -> request);
    }

    private void run(final Map<String, Object> report, final long workNs, final long warmupNs, final long measureNs)
        throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        node = ActrNode.launch(new NodeContext().actor(BenchNodes.ECHO, actor()));
        try
        {
            final long heapBefore = heapAfterGc(memory);
            final Thread loader = new Thread(() -> offerNormal(workNs / 2), "overload-loader");
            final Thread signaller = new Thread(this::callSignal, "overload-signal");
            loader.start();
            signaller.start();
            warmUp(warmupNs, memory);
            final long heapAfterWarmup = heapAfterGc(memory);
            handlerNs.reset();
            final long completedBefore = normalCompleted.get();
            measureFromNs = System.nanoTime();
            measuring = true;
            final long peakHeap = waitNs(measureNs, memory);
            final long measuredNs = System.nanoTime() - measureFromNs;
            final long completedInWindow = normalCompleted.get() - completedBefore;
            running = false;
            loader.join();
            signaller.join();
            if (!inFlight.tryAcquire(inFlightBound, NORMAL_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException("NORMAL calls still in flight after " + NORMAL_TIMEOUT_MS + " ms");
            }
            final long heapAfter = heapAfterGc(memory);
            final Map<String, Object> heap = new LinkedHashMap<>();
            heap.put("note", "after a full GC; the node's dedup window fills to " +
                NodeConfiguration.DEDUP_CAPACITY_DEFAULT + " entries (reused after), which the warm-up outlasts");
            heap.put("usedBeforeLoadBytes", heapBefore);
            heap.put("usedAfterWarmupBytes", heapAfterWarmup);
            heap.put("usedAfterDrainBytes", heapAfter);
            heap.put("peakUsedDuringMeasurementBytes", peakHeap);
            report.put("heap", heap);
            report(report, measuredNs, completedInWindow);
            System.out.printf("heap after GC: before load %d KiB, after warm-up %d KiB, after drain %d KiB%n",
                heapBefore >> 10, heapAfterWarmup >> 10, heapAfter >> 10);
        }
        finally
        {
            node.close();
        }
    }

    private void report(final Map<String, Object> report, final long measuredNs, final long completedInWindow)
    {
        final Histogram normal = normalNs.getIntervalHistogram();
        final Histogram handler = handlerNs.getIntervalHistogram();
        final Map<String, Object> signal = ProbeReport.percentilesUs(signalNs);
        signal.put("failed", signalFailed.get());
        report.put("signalRoundTrip", signal);
        final Map<String, Object> normalReport = ProbeReport.percentilesUs(normal);
        normalReport.put("failed", normalFailed.get());
        normalReport.put("sent", normalSent.get());
        normalReport.put("completedPerSec", completedInWindow * 1e9 / measuredNs);
        report.put("normalRoundTrip", normalReport);
        report.put("normalHandlerOwnTime", ProbeReport.percentilesUs(handler));
        final Map<String, Object> engineView = new LinkedHashMap<>();
        engineView.put("note", "arrival to reply on the engine, since launch (warm-up included)");
        engineView.put("signal", ProbeReport.percentilesUs(node.latencyNs(SIGNAL.name())));
        engineView.put("normal", ProbeReport.percentilesUs(node.latencyNs(NORMAL.name())));
        report.put("engineLatency", engineView);
        final Map<String, Object> counters = new LinkedHashMap<>();
        for (final SystemCounter counter : SystemCounter.values())
        {
            final long value = node.counter(counter);
            if (value != 0)
            {
                counters.put(counter.name(), value);
            }
        }
        report.put("nodeCounters", counters);
        System.out.println("SIGNAL round trip  " + ProbeReport.summaryUs(signalNs) + ", failed " + signalFailed);
        System.out.println("NORMAL round trip  " + ProbeReport.summaryUs(normal) + ", failed " + normalFailed);
        System.out.println("NORMAL handler     " + ProbeReport.summaryUs(handler));
        System.out.printf("NORMAL completed %.0f/s%n", completedInWindow * 1e9 / measuredNs);
    }

    /**
     * The loader: a NORMAL call every {@code intervalNs} (twice the engine's capacity) while a permit is free.
     */
    private void offerNormal(final long intervalNs)
    {
        final Int64Value request = Int64Value.of(3);
        long nextNs = System.nanoTime();
        try
        {
            while (running)
            {
                if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS))
                {
                    continue;
                }
                final long nowNs = System.nanoTime();
                if (nextNs - nowNs > 0)
                {
                    LockSupport.parkNanos(nextNs - nowNs);
                }
                nextNs = Math.max(nextNs + intervalNs, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(1));
                final long sentNs = System.nanoTime();
                normalSent.incrementAndGet();
                node.host().call(BenchNodes.ECHO_DEST, NORMAL, request, Int64Value.parser(), NORMAL_TIMEOUT_MS)
                    .whenComplete((response, error) -> onNormalDone(sentNs, error));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void onNormalDone(final long sentNs, final Throwable error)
    {
        if (error != null)
        {
            normalFailed.incrementAndGet();
        }
        else
        {
            if (measuring && sentNs - measureFromNs >= 0)
            {
                normalNs.recordValue(Math.min(HIGHEST_NS, System.nanoTime() - sentNs));
            }
            normalCompleted.incrementAndGet();
        }
        inFlight.release();
    }

    /**
     * The signaller: one blocking SIGNAL call per millisecond on a fixed schedule.
     */
    private void callSignal()
    {
        long nextNs = System.nanoTime();
        long value = 0;
        while (running)
        {
            final long sentNs = System.nanoTime();
            try
            {
                final long reply = node.host().callBlocking(BenchNodes.ECHO_DEST, SIGNAL, Int64Value.of(++value),
                    Int64Value.parser(), BenchNodes.CALL_TIMEOUT_MS).getValue();
                BenchNodes.checkEcho(reply, value, "signal");
                if (measuring && sentNs - measureFromNs >= 0)
                {
                    signalNs.recordValue(Math.min(HIGHEST_NS, System.nanoTime() - sentNs));
                }
            }
            catch (final RuntimeException ex)
            {
                signalFailed.incrementAndGet();
            }
            nextNs += SIGNAL_PERIOD_NS;
            final long waitNs = nextNs - System.nanoTime();
            if (waitNs > 0)
            {
                LockSupport.parkNanos(waitNs);
            }
            else
            {
                nextNs = System.nanoTime();
            }
        }
    }

    /**
     * Warm up for {@code warmupNs}, and on until the dedup window is full (at most {@value #WARMUP_CAP_S} s), so
     * that the heap measured after the warm-up is the steady state's.
     */
    private void warmUp(final long warmupNs, final MemoryMXBean memory)
    {
        final long capNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_CAP_S);
        waitNs(warmupNs, memory);
        while (normalCompleted.get() < NodeConfiguration.DEDUP_CAPACITY_DEFAULT + inFlightBound &&
            System.nanoTime() - capNs < 0)
        {
            waitNs(TimeUnit.MILLISECONDS.toNanos(100), memory);
        }
    }

    private static long heapAfterGc(final MemoryMXBean memory)
    {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long waitNs(final long ns, final MemoryMXBean memory)
    {
        final long deadline = System.nanoTime() + ns;
        long peak = 0;
        long left;
        while ((left = deadline - System.nanoTime()) > 0)
        {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return peak;
    }
}
