package dev.actr.engine;

import dev.actr.engine.router.RouteEntry;
import dev.actr.journal.DirectoryLock;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.engine.scheduler.Scheduler;
import dev.actr.lanes.FrameSink;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running node: its actors, its engine and the host's way in. Launch with {@link #launch(NodeContext)};
 * {@link #close()} stops the engine, runs every actor's {@code onStop} and releases the mailbox and journal.
 */
public final class ActrNode implements AutoCloseable
{
    private final NodeContext ctx;
    private final NodeAssembly parts;
    private final DirectoryLock directoryLock;
    private final Map<String, Histogram> latencyByRoute = new HashMap<>();
    private AgentRunner runner;
    private AgentRunner journalRunner;
    private AgentInvoker invoker;
    private boolean closed;

    private ActrNode(final NodeContext ctx, final DirectoryLock directoryLock, final List<AutoCloseable> opened)
    {
        this.ctx = ctx;
        this.directoryLock = directoryLock;
        this.parts = new NodeAssembly(ctx, null, null, opened);
    }

    /**
     * Open a reader of the effects a durable node's handlers committed ({@link
     * dev.actr.engine.actor.ActorContext#effect}); it may run while the node does, in this process or another.
     * Actor indices it reports are positions in {@link NodeContext#actorIds()} plus one (0 is the host).
     *
     * @param directory the node's {@link NodeContext#directory()}.
     * @return a reader at the oldest retained effect.
     */
    public static EffectReader effectReader(final Path directory)
    {
        return EffectReader.open(NodeAssembly.dedupDirectory(directory));
    }

    /**
     * Launch a node: register every actor's routes, run {@code onStart} (an exception aborts the launch with that
     * exception) then {@code onReady}, and start the engine as the threading mode says.
     *
     * A durable node first takes its {@link NodeContext#directory()} ({@link DirectoryLock}, released on close and
     * when the launch fails): a second node on the same directory, in this process or another, is refused at once.
     *
     * @param ctx the configuration; concluded here.
     * @return the running node.
     * @throws dev.actr.journal.DirectoryLockedException when another node holds the directory.
     * @throws dev.actr.journal.integrity.StoreDamageException when a store is damaged beyond a safe repair.
     */
    public static ActrNode launch(final NodeContext ctx)
    {
        ctx.conclude();
        final DirectoryLock lock = ctx.directory() == null ? null : DirectoryLock.acquire(ctx.directory(), "actr node");
        final List<AutoCloseable> opened = new ArrayList<>();
        final ActrNode node;
        try
        {
            node = new ActrNode(ctx, lock, opened);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(opened); // e.g. the mailbox, when the dedup journal refused to open
            CloseHelper.quietClose(lock);
            throw ex;
        }
        try
        {
            node.start();
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(node.runner, node.journalRunner, node.invoker);
            CloseHelper.quietCloseAll(node.parts, lock);
            throw ex;
        }
        return node;
    }

    private void start()
    {
        final Scheduler scheduler = parts.scheduler;
        parts.startActors();
        if (ctx.threadingMode() == ThreadingMode.INVOKER)
        {
            invoker = new AgentInvoker(ctx.errorHandler(), null, scheduler);
            invoker.start();
        }
        else
        {
            if (parts.journaller != null)
            {
                journalRunner = new AgentRunner(parts.journallerIdle, ctx.errorHandler(), null, parts.journaller);
                AgentRunner.startOnThread(journalRunner, ctx.threadFactory());
            }
            runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, scheduler);
            AgentRunner.startOnThread(runner, ctx.threadFactory());
        }
    }

    /**
     * @return the host's way in: calls and tells from any thread.
     */
    public HostClient host()
    {
        return parts.host;
    }

    /**
     * @return where lanes deliver the frames they receive (the ingress ring); any thread.
     */
    public FrameSink ingress()
    {
        return parts.ring;
    }

    /**
     * Run one duty cycle on the calling thread ({@link ThreadingMode#INVOKER} only).
     *
     * @return work done in the cycle (0 when idle).
     */
    public int invoke()
    {
        if (invoker == null)
        {
            throw new IllegalStateException("invoke() needs ThreadingMode.INVOKER, not " + ctx.threadingMode());
        }
        return invoker.invoke();
    }

    /**
     * @param counter a system counter.
     * @return its value; any thread.
     */
    public long counter(final SystemCounter counter)
    {
        return parts.counters.get(counter);
    }

    /**
     * @return every system counter; any thread.
     */
    public SystemCounters counters()
    {
        return parts.counters;
    }

    /**
     * Arrival-to-reply latency of a route since launch, in ns. Any thread.
     *
     * @param routeKey a registered route.
     * @return a copy of the cumulative histogram (of the first actor that registered the route).
     */
    public synchronized Histogram latencyNs(final String routeKey)
    {
        for (final RouteEntry route : parts.routes.entries())
        {
            if (route.routeKey().equals(routeKey))
            {
                final Histogram cumulative = latencyByRoute.computeIfAbsent(routeKey, key -> new Histogram(3));
                cumulative.add(route.latencyNs().getIntervalHistogram());
                return cumulative.copy();
            }
        }
        throw new IllegalArgumentException("no such route: " + routeKey);
    }

    /**
     * @return the configuration the node runs with.
     */
    public NodeContext context()
    {
        return ctx;
    }

    /**
     * Stop the engine, run every actor's {@code onStop}, release the mailbox and journal. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        parts.ring.close();
        CloseHelper.close(ctx.errorHandler(), runner);
        CloseHelper.close(ctx.errorHandler(), journalRunner);
        CloseHelper.close(ctx.errorHandler(), invoker);
        CloseHelper.close(ctx.errorHandler(), parts);
        CloseHelper.close(ctx.errorHandler(), directoryLock);
    }
}
