package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.engine.ActrNode;
import dev.actr.engine.actor.Dest;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop latency at fixed rates (issue #13), corrected for coordinated omission: one sender thread issues host
 * calls ({@code host().call}, futures) to an echo actor on a fixed schedule — call {@code i} is due at
 * {@code start + i / rate} whatever happened to the calls before it — and each call's latency is measured from its
 * <em>intended</em> send time to its completion, so a stalled engine or sender shows as latency, not as fewer
 * samples. Rates: {@code actr.bench.rates} (10000,50000,100000 calls/s). Modes ({@code actr.bench.modes}, default
 * all four; {@link OpenLoopTarget}), default SHARED threading and idle strategy throughout:
 * <ul>
 *     <li>{@code journal}: a durable node (temporary directory, {@code FsyncPolicy.NONE}) with the replay journal on
 *     ({@code journalEnabled(true)}), the echo actor on the same node.</li>
 *     <li>{@code memory}: its baseline in the same run: an in-memory node, no journal.</li>
 *     <li>{@code ws-journal}: the echo actor on a second node over the real WebSocket lane (embedded signaling on
 *     loopback), both nodes durable with the replay journal on.</li>
 *     <li>{@code ws-memory}: its baseline: the same two nodes in memory.</li>
 * </ul>
 * Each (mode, rate) runs on fresh nodes: warm-up {@code actr.bench.warmupSeconds} (quick 1, full 5) at the rate,
 * not recorded, then {@code actr.bench.measureSeconds} (quick 3, full 20) recorded, then the calls still in flight
 * drain. Besides the intended-time latency, the report has the service time (actual send to completion; what a
 * closed-loop tool would report) and the sender's lag behind its schedule. The sender parks until about 60 µs
 * before a call is due and spins the rest; its lateness counts in the latency. Completions run on the node's host
 * executor, as they do for any embedder using futures.
 *
 * <p>Writes {@code open-loop.json} (all runs) and one HdrHistogram log per run,
 * {@code open-loop-<mode>-<rate>.hdr} (one interval histogram of intended-time latency per second, in ns; read it
 * with HdrHistogram's {@code HistogramLogReader} or plot it with HistogramLogAnalyzer), to the results directory
 * ({@link ProbeReport}).
 */
public final class OpenLoopLatencyProbe
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long CALL_TIMEOUT_MS = 10_000;
    private static final long PARK_AHEAD_NS = TimeUnit.MICROSECONDS.toNanos(60);
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final String mode;
    private final long rate;
    private final Recorder intendedNs = new Recorder(HIGHEST_NS, 3);
    private final Recorder serviceNs = new Recorder(HIGHEST_NS, 3);
    private final Histogram sendLagNs = new Histogram(HIGHEST_NS, 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong completedInWindow = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong failedInWindow = new AtomicLong();
    private volatile String firstFailureMessage;
    private volatile long sent;
    private ActrNode node;
    private Dest dest;
    private long measureFromNs;
    private long measureToNs;

    private OpenLoopLatencyProbe(final String mode, final long rate)
    {
        this.mode = mode;
        this.rate = rate;
    }

    /**
     * Run every (mode, rate) and write the reports.
     *
     * @param args none.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final long warmupNs = TimeUnit.SECONDS.toNanos(ProbeReport.setting("actr.bench.warmupSeconds", 1, 5));
        final long measureNs = TimeUnit.SECONDS.toNanos(ProbeReport.setting("actr.bench.measureSeconds", 3, 20));
        final Map<String, Object> report = ProbeReport.header("OpenLoopLatencyProbe");
        report.put("warmupSeconds", TimeUnit.NANOSECONDS.toSeconds(warmupNs));
        report.put("measureSeconds", TimeUnit.NANOSECONDS.toSeconds(measureNs));
        report.put("callTimeoutMs", CALL_TIMEOUT_MS);
        final List<Object> runs = new ArrayList<>();
        for (final String mode : System.getProperty("actr.bench.modes", OpenLoopTarget.MODES).split(","))
        {
            for (final String rate : System.getProperty("actr.bench.rates", "10000,50000,100000").split(","))
            {
                runs.add(new OpenLoopLatencyProbe(mode.trim(), Long.parseLong(rate.trim())).run(warmupNs, measureNs));
            }
        }
        report.put("runs", runs);
        System.out.println("wrote " + ProbeReport.write("open-loop.json", report));
    }

    private Map<String, Object> run(final long warmupNs, final long measureNs) throws InterruptedException
    {
        final Path logFile = ProbeReport.resultsDirectory().resolve("open-loop-" + mode + "-" + rate + ".hdr");
        final Histogram total = new Histogram(HIGHEST_NS, 3);
        try (OpenLoopTarget target = OpenLoopTarget.launch(mode))
        {
            node = target.caller();
            dest = target.echoDest();
            final HistogramLogWriter log = openLog(logFile);
            final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            measureFromNs = startNs + warmupNs;
            measureToNs = measureFromNs + measureNs;
            final Thread sender = new Thread(() -> send(startNs), "open-loop-sender");
            sender.start();
            final long drainDeadlineNs = measureToNs + TimeUnit.MILLISECONDS.toNanos(CALL_TIMEOUT_MS + 5_000);
            while (sender.isAlive() || completed.get() + failed.get() < sent)
            {
                if (System.nanoTime() - drainDeadlineNs > 0)
                {
                    throw new IllegalStateException(mode + " @ " + rate + "/s: calls neither completed nor failed");
                }
                LockSupport.parkNanos(LOG_INTERVAL_NS);
                logInterval(log, total);
            }
            logInterval(log, total);
            log.close();
            final Map<String, Object> run = report(total, logFile);
            target.stopAndReport(run);
            return run;
        }
    }

    private void send(final long startNs)
    {
        final Int64Value request = Int64Value.of(9);
        final long endNs = measureToNs;
        for (long i = 0; ; i++)
        {
            final long dueNs = startNs + i * 1_000_000_000L / rate;
            if (dueNs - endNs >= 0)
            {
                return;
            }
            long aheadNs;
            while ((aheadNs = dueNs - System.nanoTime()) > 0)
            {
                if (aheadNs > PARK_AHEAD_NS + 10_000)
                {
                    LockSupport.parkNanos(aheadNs - PARK_AHEAD_NS);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            final long sentNs = System.nanoTime();
            if (dueNs - measureFromNs >= 0)
            {
                sendLagNs.recordValue(Math.min(HIGHEST_NS, sentNs - dueNs));
            }
            sent = i + 1;
            node.host().call(dest, BenchNodes.ECHO_ROUTE, request, Int64Value.parser(), CALL_TIMEOUT_MS)
                .whenComplete((response, error) -> onDone(dueNs, sentNs, error));
        }
    }

    private void onDone(final long dueNs, final long sentNs, final Throwable error)
    {
        final long nowNs = System.nanoTime();
        if (error != null)
        {
            if (failed.incrementAndGet() == 1)
            {
                firstFailureMessage = String.valueOf(error);
            }
            if (dueNs - measureFromNs >= 0)
            {
                failedInWindow.incrementAndGet();
            }
            return;
        }
        if (dueNs - measureFromNs >= 0)
        {
            intendedNs.recordValue(Math.min(HIGHEST_NS, nowNs - dueNs));
            serviceNs.recordValue(Math.min(HIGHEST_NS, nowNs - sentNs));
        }
        if (nowNs - measureFromNs >= 0 && nowNs - measureToNs < 0)
        {
            completedInWindow.incrementAndGet();
        }
        completed.incrementAndGet();
    }

    private void logInterval(final HistogramLogWriter log, final Histogram total)
    {
        final Histogram interval = intendedNs.getIntervalHistogram();
        if (interval.getTotalCount() > 0)
        {
            log.outputIntervalHistogram(interval);
            total.add(interval);
        }
    }

    private HistogramLogWriter openLog(final Path file)
    {
        try
        {
            final HistogramLogWriter log = new HistogramLogWriter(file.toFile());
            final long nowMs = System.currentTimeMillis();
            log.outputComment("actr OpenLoopLatencyProbe: mode " + mode + ", " + rate +
                " calls/s, latency from intended send time, ns");
            log.outputLogFormatVersion();
            log.outputStartTime(nowMs);
            log.setBaseTime(nowMs);
            log.outputLegend();
            return log;
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Map<String, Object> report(final Histogram total, final Path logFile)
    {
        final double windowSeconds = (measureToNs - measureFromNs) / 1e9;
        final Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", mode);
        run.put("targetRatePerSec", rate);
        run.put("sent", sent);
        run.put("completed", completed.get());
        run.put("failed", failed.get());
        run.put("failedDueInWindow", failedInWindow.get());
        if (firstFailureMessage != null)
        {
            run.put("firstFailure", firstFailureMessage);
        }
        final double achieved = completedInWindow.get() / windowSeconds;
        run.put("completedPerSecInWindow", achieved);
        run.put("saturated", failedInWindow.get() > 0 || achieved < 0.95 * rate);
        run.put("latencyFromIntendedSend", ProbeReport.percentilesUs(total));
        run.put("serviceTime", ProbeReport.percentilesUs(serviceNs.getIntervalHistogram()));
        run.put("senderLag", ProbeReport.percentilesUs(sendLagNs));
        run.put("histogramLog", logFile.getFileName().toString());
        System.out.printf("%-10s %6d/s: done %.0f/s, failed %d (%d due in the window); from intended send %s%n",
            mode, rate, achieved, failed.get(), failedInWindow.get(), ProbeReport.summaryUs(total));
        return run;
    }
}
