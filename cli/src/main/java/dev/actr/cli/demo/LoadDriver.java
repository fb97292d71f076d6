package dev.actr.cli.demo;

import dev.actr.cli.demo.proto.GatewayClient;
import dev.actr.cli.demo.proto.OrderReport;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.engine.HostClient;
import dev.actr.engine.actor.Dest;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's side of a run: sends the seeded {@link OrderFlow} to the gateway from one thread, in seq order, and
 * times each request's round trip (host, gateway, risk, exchange, back) with HdrHistogram. Closed loop: at most
 * {@code outstanding} requests in flight, each timed from when it was sent. Open loop: one request every
 * {@code 1/rate} s, each timed from when it was due, so that a stall counts against every request it held back
 * (coordinated omission corrected); in-flight requests are then capped at {@link #OPEN_LOOP_MAX_IN_FLIGHT}.
 * Responses complete on the node's host executor threads.
 */
final class LoadDriver
{
    /** Open loop: most requests in flight before sending waits (the wait still counts in their latency). */
    static final int OPEN_LOOP_MAX_IN_FLIGHT = 8_192;
    private static final int PROGRESS_EVERY = 256;

    private final DemoContext ctx;
    private final DemoProgress progress;

    /**
     * @param ctx      the options.
     * @param progress told how far the run is.
     */
    LoadDriver(final DemoContext ctx, final DemoProgress progress)
    {
        this.ctx = ctx;
        this.progress = progress;
    }

    /**
     * @param host the client side's host.
     * @return every report by seq (null where the request failed), the latency histogram and the failures.
     */
    Outcome run(final HostClient host)
    {
        final boolean openLoop = ctx.ratePerSecond() > 0;
        final int inFlight = openLoop ? OPEN_LOOP_MAX_IN_FLIGHT : ctx.outstanding();
        final long intervalNs = openLoop ? TimeUnit.SECONDS.toNanos(1) / ctx.ratePerSecond() : 0;
        final Outcome outcome = new Outcome(ctx.orders(), inFlight, ctx.warmupOrders());
        final GatewayClient gateway = GatewayClient.to(Dest.workload(DemoIds.GATEWAY));
        final OrderFlow flow = new OrderFlow(ctx.seed());
        final long waitMs = 2 * ctx.callTimeoutMs();
        final long startNs = System.nanoTime();
        for (int i = 0; i < ctx.orders(); i++)
        {
            final OrderRequest request = flow.next();
            final long dueNs = startNs + i * intervalNs;
            if (openLoop)
            {
                parkUntil(dueNs);
            }
            if (!outcome.acquire(waitMs))
            {
                outcome.fail(i, "no response within " + waitMs + " ms to any of " + inFlight + " requests in flight");
                break;
            }
            final int index = i;
            final long sentNs = openLoop ? dueNs : System.nanoTime();
            gateway.submit(host, request, ctx.callTimeoutMs())
                .whenComplete((report, error) -> outcome.onResponse(index, sentNs, report, error));
            if ((i + 1) % PROGRESS_EVERY == 0)
            {
                progress.onProgress(outcome.completed());
            }
        }
        if (!outcome.acquireAll(waitMs))
        {
            outcome.fail(-1, "requests still in flight " + waitMs + " ms after the last was sent");
        }
        outcome.elapsedNs = System.nanoTime() - startNs;
        progress.onProgress(outcome.completed());
        return outcome;
    }

    private static void parkUntil(final long dueNs)
    {
        long leftNs;
        while ((leftNs = dueNs - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(leftNs);
        }
    }

    /** What a run got back. Written by the host executor threads; read once every response is in. */
    static final class Outcome
    {
        final OrderReport[] reports;
        private final Semaphore permits;
        private final int permitCount;
        private final int warmup;
        private final Recorder latencyNs = new Recorder(3);
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        long elapsedNs;

        Outcome(final int orders, final int permitCount, final int warmup)
        {
            this.reports = new OrderReport[orders];
            this.permits = new Semaphore(permitCount);
            this.permitCount = permitCount;
            this.warmup = warmup;
        }

        void onResponse(final int index, final long sentNs, final OrderReport report, final Throwable error)
        {
            final long latency = System.nanoTime() - sentNs;
            if (index >= warmup)
            {
                latencyNs.recordValue(latency);
            }
            if (error != null)
            {
                fail(index, String.valueOf(error.getCause() != null ? error.getCause() : error));
            }
            else
            {
                reports[index] = report;
            }
            completed.incrementAndGet();
            permits.release();
        }

        void fail(final int index, final String what)
        {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, (index >= 0 ? "request " + index + ": " : "") + what);
        }

        boolean acquire(final long waitMs)
        {
            try
            {
                return permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        boolean acquireAll(final long waitMs)
        {
            try
            {
                return permits.tryAcquire(permitCount, waitMs, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        int completed()
        {
            return completed.get();
        }

        long failures()
        {
            return failures.get();
        }

        String firstFailure()
        {
            return firstFailure.get();
        }

        Histogram latencyNs()
        {
            return latencyNs.getIntervalHistogram();
        }
    }
}
