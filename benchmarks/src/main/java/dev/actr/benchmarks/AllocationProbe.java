package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Bytes allocated per operation, by thread, for the operations of {@link CallRoundTripComparisonBenchmark} and
 * {@link TellThroughputComparisonBenchmark} (it drives their very states and benchmark methods). JMH's
 * {@code -prof gc} gives one figure for the whole JVM per operation, which on a busy machine also carries JMH's own
 * per-iteration allocation divided by few operations; this probe reads
 * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} of every thread before and after
 * {@code actr.bench.allocOps} operations (quick 20,000, full 200,000; as many again to warm up) and splits the
 * bytes into the calling thread, each thread the runtime started (the engine, host executor, Pekko's dispatcher),
 * and the rest. Writes {@code allocation.json} to the results directory ({@link ProbeReport}).
 *
 * <p>The {@code actrCallBlocking} case includes the user's messages (the request the engine parses for the handler,
 * the response the caller parses); {@code actrCallBlockingRawEcho} leaves them out, so its figures are actr's own.
 * {@code actrCallFuture} is the asynchronous host call (future, deadline timer, completion on the host executor).
 */
public final class AllocationProbe
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /** One measured operation. */
    @FunctionalInterface
    private interface Operation
    {
        void run() throws Exception;
    }

    private AllocationProbe()
    {
    }

    /**
     * Measure every case and write the report.
     *
     * @param args none.
     * @throws Exception if a case fails.
     */
    public static void main(final String[] args) throws Exception
    {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        final long ops = ProbeReport.setting("actr.bench.allocOps", 20_000, 200_000);
        final Map<String, Object> report = ProbeReport.header("AllocationProbe");
        report.put("operations", ops);
        final List<Object> cases = new ArrayList<>();
        final CallRoundTripComparisonBenchmark calls = new CallRoundTripComparisonBenchmark();

        Set<Long> before = liveThreadIds();
        final CallRoundTripComparisonBenchmark.ActrDefault actr = new CallRoundTripComparisonBenchmark.ActrDefault();
        actr.launch();
        try
        {
            cases.add(measure("actrCallBlocking", before, ops, () -> calls.actrCallBlocking(actr)));
            cases.add(measure("actrCallBlockingRawEcho", before, ops, () -> calls.actrCallBlockingRawEcho(actr)));
            final Int64Value request = Int64Value.of(5);
            cases.add(measure("actrCallFuture", before, ops, () ->
            {
                final CompletableFuture<Int64Value> reply = actr.node.host().call(BenchNodes.ECHO_DEST,
                    BenchNodes.ECHO_ROUTE, request, Int64Value.parser(), BenchNodes.CALL_TIMEOUT_MS);
                BenchNodes.checkEcho(reply.join().getValue(), 5, "actrCallFuture");
            }));
        }
        finally
        {
            actr.close();
        }

        before = liveThreadIds();
        final CallRoundTripComparisonBenchmark.ActrDurable durable = new CallRoundTripComparisonBenchmark.ActrDurable();
        durable.launch();
        try
        {
            cases.add(measure("actrDurableCallBlocking", before, ops, () -> calls.actrDurableCallBlocking(durable)));
        }
        finally
        {
            durable.close();
        }

        before = liveThreadIds();
        final CallRoundTripComparisonBenchmark.PekkoEcho pekko = new CallRoundTripComparisonBenchmark.PekkoEcho();
        pekko.start();
        try
        {
            cases.add(measure("pekkoAsk", before, ops, () -> calls.pekkoAsk(pekko)));
        }
        finally
        {
            pekko.stop();
        }

        final TellThroughputComparisonBenchmark tells = new TellThroughputComparisonBenchmark();
        final long batches = Math.max(1, ops / TellThroughputComparisonBenchmark.BATCH);
        before = liveThreadIds();
        final TellThroughputComparisonBenchmark.ActrInMemory teller = new TellThroughputComparisonBenchmark.ActrInMemory();
        teller.launch();
        try
        {
            cases.add(perMessage(measure("actrTell", before, batches, () -> tells.actrTell(teller))));
        }
        finally
        {
            teller.close();
        }

        before = liveThreadIds();
        final TellThroughputComparisonBenchmark.PekkoCounting counting =
            new TellThroughputComparisonBenchmark.PekkoCounting();
        counting.start();
        try
        {
            cases.add(perMessage(measure("pekkoTell", before, batches, () -> tells.pekkoTell(counting))));
        }
        finally
        {
            counting.stop();
        }

        report.put("cases", cases);
        System.out.println("wrote " + ProbeReport.write("allocation.json", report));
    }

    private static Map<String, Object> measure(
        final String name, final Set<Long> before, final long ops, final Operation operation) throws Exception
    {
        for (long i = 0; i < ops; i++)
        {
            operation.run();
        }
        final long[] ids = THREADS.getAllThreadIds();
        final long[] start = THREADS.getThreadAllocatedBytes(ids);
        for (long i = 0; i < ops; i++)
        {
            operation.run();
        }
        final long[] end = THREADS.getThreadAllocatedBytes(ids);
        final long self = Thread.currentThread().getId();
        long callerBytes = 0;
        long runtimeBytes = 0;
        long otherBytes = 0;
        final Map<String, Object> runtimeThreads = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++)
        {
            if (start[i] < 0 || end[i] < 0)
            {
                continue;
            }
            final long bytes = end[i] - start[i];
            if (ids[i] == self)
            {
                callerBytes += bytes;
            }
            else if (!before.contains(ids[i]))
            {
                runtimeBytes += bytes;
                final java.lang.management.ThreadInfo info = THREADS.getThreadInfo(ids[i]);
                if (bytes > 0 && info != null)
                {
                    runtimeThreads.merge(info.getThreadName(), perOp(bytes, ops), (a, b) -> (double)a + (double)b);
                }
            }
            else
            {
                otherBytes += bytes;
            }
        }
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("case", name);
        result.put("operations", ops);
        result.put("callerBytesPerOp", perOp(callerBytes, ops));
        result.put("runtimeThreadsBytesPerOp", perOp(runtimeBytes, ops));
        result.put("runtimeThreads", runtimeThreads);
        result.put("otherThreadsBytesPerOp", perOp(otherBytes, ops));
        result.put("totalBytesPerOp", perOp(callerBytes + runtimeBytes + otherBytes, ops));
        System.out.printf("%-24s caller %8.1f B/op, runtime threads %8.1f B/op %s, other %6.1f B/op%n", name,
            perOp(callerBytes, ops), perOp(runtimeBytes, ops), runtimeThreads, perOp(otherBytes, ops));
        return result;
    }

    /** A tell case ran in batches: restate its figures per message. */
    private static Map<String, Object> perMessage(final Map<String, Object> batchCase)
    {
        final Map<String, Object> result = new LinkedHashMap<>();
        final int batch = TellThroughputComparisonBenchmark.BATCH;
        for (final Map.Entry<String, Object> entry : batchCase.entrySet())
        {
            final Object value = entry.getValue();
            if ("operations".equals(entry.getKey()))
            {
                result.put("operations", (long)value * batch);
            }
            else if (value instanceof Double)
            {
                result.put(entry.getKey(), Math.round((double)value / batch * 10) / 10.0);
            }
            else if (value instanceof Map)
            {
                final Map<String, Object> perThread = new LinkedHashMap<>();
                ((Map<?, ?>)value).forEach((thread, bytes) ->
                    perThread.put(String.valueOf(thread), Math.round((double)bytes / batch * 10) / 10.0));
                result.put(entry.getKey(), perThread);
            }
            else
            {
                result.put(entry.getKey(), value);
            }
        }
        result.put("unit", "bytes per message");
        System.out.printf("%-24s per message: caller %.1f B, runtime threads %.1f B %s%n", result.get("case"),
            result.get("callerBytesPerOp"), result.get("runtimeThreadsBytesPerOp"), result.get("runtimeThreads"));
        return result;
    }

    private static double perOp(final long bytes, final long ops)
    {
        return Math.round(bytes * 10.0 / ops) / 10.0;
    }

    private static Set<Long> liveThreadIds()
    {
        final Set<Long> ids = new HashSet<>();
        for (final long id : THREADS.getAllThreadIds())
        {
            ids.add(id);
        }
        return ids;
    }
}
