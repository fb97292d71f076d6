package dev.actr.benchmarks;

import com.google.protobuf.Int64Value;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import org.apache.pekko.actor.typed.ActorSystem;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU an idle runtime burns: each runtime is started, answers {@value #WARM_CALLS} calls (so that its threads have
 * worked and gone idle the way they do in service), is left alone for a settle period, then measured while idle for
 * {@code actr.bench.idleSeconds} (quick 5 s, full 30 s) by the CPU time of the threads it started
 * ({@code ThreadMXBean}) over the wall time, as a percentage of one core. Three phases in one JVM, one after the
 * other:
 * <ul>
 *     <li>{@code jvm}: nothing started: the JVM's own background (the baseline of the baselines).</li>
 *     <li>{@code actr}: a node with default settings (in memory, {@code ParkingIdleStrategy}) and one echo actor;
 *     the engine thread is reported on its own.</li>
 *     <li>{@code pekko}: a Pekko typed actor system with default settings and one echo actor (guardian).</li>
 * </ul>
 * The process's CPU time over the same window is reported beside each (it includes the JIT and GC threads).
 * Writes {@code idle-cpu.json} to the results directory ({@link ProbeReport}).
 */
public final class IdleCpuProbe
{
    /** Calls made before a runtime is left idle. */
    public static final int WARM_CALLS = 1_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private IdleCpuProbe()
    {
    }

    /**
     * Run the three phases and write the report.
     *
     * @param args none.
     */
    public static void main(final String[] args)
    {
        if (!THREADS.isThreadCpuTimeSupported())
        {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        final long idleNs = TimeUnit.SECONDS.toNanos(ProbeReport.setting("actr.bench.idleSeconds", 5, 30));
        final long settleNs = TimeUnit.MILLISECONDS.toNanos(ProbeReport.setting("actr.bench.settleMs", 1_000, 3_000));
        final Map<String, Object> report = ProbeReport.header("IdleCpuProbe");
        report.put("idleSeconds", TimeUnit.NANOSECONDS.toSeconds(idleNs));
        report.put("settleMs", TimeUnit.NANOSECONDS.toMillis(settleNs));
        final List<Object> phases = new ArrayList<>();

        Set<Long> before = liveThreadIds();
        waitNs(settleNs);
        phases.add(measure("jvm", "nothing started (JVM background only)", before, null, idleNs));

        before = liveThreadIds();
        final AtomicReference<Thread> engine = new AtomicReference<>();
        try (ActrNode node = ActrNode.launch(new NodeContext()
            .threadFactory(runnable ->
            {
                final Thread thread = new Thread(runnable, "actr-engine");
                engine.set(thread);
                return thread;
            })
            .actor(BenchNodes.ECHO, BenchNodes.echoActor())))
        {
            final Int64Value request = Int64Value.of(1);
            for (int i = 0; i < WARM_CALLS; i++)
            {
                BenchNodes.checkEcho(node.host().callBlocking(BenchNodes.ECHO_DEST, BenchNodes.ECHO_ROUTE, request,
                    Int64Value.parser(), BenchNodes.CALL_TIMEOUT_MS).getValue(), 1, "actr warm-up");
            }
            waitNs(settleNs);
            phases.add(measure("actr", "ActrNode, default NodeContext (in memory, ParkingIdleStrategy), one actor",
                before, engine.get(), idleNs));
        }

        before = liveThreadIds();
        final ActorSystem<PekkoActors.Echo> system = PekkoActors.start(PekkoActors.echo(), "bench-idle");
        try
        {
            for (int i = 0; i < WARM_CALLS; i++)
            {
                BenchNodes.checkEcho(PekkoActors.askBlocking(system, 1), 1, "pekko warm-up");
            }
            waitNs(settleNs);
            phases.add(measure("pekko", "Pekko typed ActorSystem, default configuration, one actor", before, null,
                idleNs));
        }
        finally
        {
            PekkoActors.terminate(system);
        }

        report.put("phases", phases);
        System.out.println("wrote " + ProbeReport.write("idle-cpu.json", report));
    }

    private static Map<String, Object> measure(
        final String name, final String description, final Set<Long> before, final Thread engine, final long idleNs)
    {
        final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        final Map<Long, Long> startCpu = new LinkedHashMap<>();
        for (final long id : runtimeThreads(before))
        {
            startCpu.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        final long processStartNs = os.getProcessCpuTime();
        final long wallStartNs = System.nanoTime();
        waitNs(idleNs);
        final long wallNs = System.nanoTime() - wallStartNs;
        final long processNs = os.getProcessCpuTime() - processStartNs;

        final List<Object> threads = new ArrayList<>();
        long runtimeNs = 0;
        long engineNs = -1;
        for (final long id : runtimeThreads(before))
        {
            final long endNs = THREADS.getThreadCpuTime(id);
            final java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            if (endNs < 0 || info == null)
            {
                continue; // ended meanwhile
            }
            final long cpuNs = endNs - startCpu.getOrDefault(id, 0L);
            runtimeNs += cpuNs;
            if (engine != null && engine.getId() == id)
            {
                engineNs = cpuNs;
            }
            final Map<String, Object> thread = new LinkedHashMap<>();
            thread.put("name", info.getThreadName());
            thread.put("cpuMs", cpuNs / 1e6);
            thread.put("percentOfCore", percent(cpuNs, wallNs));
            threads.add(thread);
        }

        final Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("name", name);
        phase.put("description", description);
        phase.put("wallMs", wallNs / 1e6);
        phase.put("runtimeThreads", threads.size());
        phase.put("runtimeCpuMs", runtimeNs / 1e6);
        phase.put("runtimePercentOfCore", percent(runtimeNs, wallNs));
        if (engine != null)
        {
            phase.put("engineThreadPercentOfCore", percent(engineNs, wallNs));
        }
        phase.put("processPercentOfCore", percent(processNs, wallNs));
        phase.put("threads", threads);
        System.out.printf("%-6s idle: its %d threads %.3f %% of a core%s; whole process %.3f %%%n", name,
            threads.size(), percent(runtimeNs, wallNs),
            engine != null ? String.format(" (engine thread %.3f %%)", percent(engineNs, wallNs)) : "",
            percent(processNs, wallNs));
        return phase;
    }

    private static List<Long> runtimeThreads(final Set<Long> before)
    {
        final List<Long> ids = new ArrayList<>();
        for (final long id : THREADS.getAllThreadIds())
        {
            if (!before.contains(id))
            {
                ids.add(id);
            }
        }
        return ids;
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

    private static double percent(final long cpuNs, final long wallNs)
    {
        return Math.round(cpuNs * 100_000.0 / wallNs) / 1_000.0;
    }

    private static void waitNs(final long ns)
    {
        final long deadline = System.nanoTime() + ns;
        long left;
        while ((left = deadline - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(left);
        }
    }
}
