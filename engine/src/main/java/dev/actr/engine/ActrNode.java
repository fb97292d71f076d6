package dev.actr.engine;

import dev.actr.engine.internal.NodeAssembly;
import dev.actr.engine.internal.Preflight;
import dev.actr.engine.internal.host.HostExecutors;
import dev.actr.engine.internal.host.HostPublisher;
import dev.actr.engine.internal.ingress.IngressRing;
import dev.actr.engine.internal.ingress.RingLaneIngress;
import dev.actr.journal.DirectoryLock;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.lanes.Lane;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running node: its actors, its engine, its lanes and the host's way in. Launch with {@link #launch(NodeContext)};
 * {@link #close()} closes the lanes, stops the engine (running every actor's {@code onStop} on the engine thread)
 * and releases the mailbox and journals, in that order.
 */
public final class ActrNode implements AutoCloseable
{
    private final NodeContext ctx;
    private final NodeAssembly parts;
    private final DirectoryLock directoryLock;
    private final HostExecutors executors;
    private final HostClient host;
    private final RingLaneIngress laneIngress;
    private final List<Lane> startedLanes = new ArrayList<>();
    private AgentRunner runner;
    private AgentRunner journalRunner;
    private AgentInvoker invoker;
    private boolean closed;

    private ActrNode(final NodeContext ctx, final NodeAssembly parts, final DirectoryLock directoryLock)
    {
        this.ctx = ctx;
        this.parts = parts;
        this.directoryLock = directoryLock;
        final AtomicLong hostSequence = new AtomicLong();
        if (ctx.directory() != null)
        {
            hostSequence.set(parts.startRun(ctx.directory()));
        }
        parts.writeManifest();
        executors = new HostExecutors(ctx.hostExecutor());
        host = new HostClient(new HostPublisher(parts.ring, parts.directory, parts.counters, ctx.clock()),
            hostSequence, executors, ctx.defaultCallTimeoutMs(), ctx.discovery());
        laneIngress = new RingLaneIngress(parts.ring);
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
     * Launch a node: register every actor's routes, start the engine as the threading mode says, run every actor's
     * {@code onStart} then {@code onReady} on the engine thread (an exception aborts the launch with that
     * exception), then start the lanes. A durable node first takes its {@link NodeContext#directory()}
     * ({@link DirectoryLock}, released on close and when the launch fails): a second node on the same directory, in
     * this process or another, is refused at once.
     *
     * @param ctx the configuration; concluded here.
     * @return the running node.
     * @throws dev.actr.journal.DirectoryLockedException when another node holds the directory.
     * @throws dev.actr.journal.integrity.StoreDamageException when a store is damaged beyond a safe repair.
     */
    public static ActrNode launch(final NodeContext ctx)
    {
        Preflight.check(ctx.directory() != null);
        ctx.conclude();
        final DirectoryLock lock = ctx.directory() == null ? null : DirectoryLock.acquire(ctx.directory(), "actr node");
        final NodeAssembly parts;
        try
        {
            parts = NodeAssembly.live(ctx);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietClose(lock);
            throw ex;
        }
        ActrNode node = null;
        try
        {
            node = new ActrNode(ctx, parts, lock);
            node.start();
            return node;
        }
        catch (final RuntimeException | Error ex)
        {
            if (node != null)
            {
                node.closeQuietly();
            }
            else
            {
                CloseHelper.quietCloseAll(parts, lock);
            }
            throw ex;
        }
    }

    private void start()
    {
        if (ctx.threadingMode() == ThreadingMode.INVOKER)
        {
            invoker = new AgentInvoker(ctx.errorHandler(), null, parts.engine);
            invoker.start();
        }
        else
        {
            if (parts.journaller != null)
            {
                journalRunner = new AgentRunner(parts.journallerIdle, ctx.errorHandler(), null, parts.journaller);
                AgentRunner.startOnThread(journalRunner, ctx.threadFactory());
            }
            runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, parts.engine);
            AgentRunner.startOnThread(runner, ctx.threadFactory());
        }
        awaitActorsStarted();
        parts.watchdog.start();
        for (final Lane lane : ctx.lanes())
        {
            lane.start(laneIngress);
            startedLanes.add(lane);
        }
    }

    private void awaitActorsStarted()
    {
        try
        {
            parts.engine.started().join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof RuntimeException)
            {
                throw (RuntimeException)ex.getCause();
            }
            if (ex.getCause() instanceof Error)
            {
                throw (Error)ex.getCause();
            }
            throw ex;
        }
    }

    /**
     * @return the host's way in: calls and tells from any thread.
     */
    public HostClient host()
    {
        return host;
    }

    /**
     * Internal: the node's ingress ring, where tests and benchmarks inject raw frames as if from a local sender.
     *
     * @return the ingress ring.
     */
    public IngressRing ingressRing()
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
    public Histogram latencyNs(final String routeKey)
    {
        return parts.routeLatency.copy(routeKey);
    }

    /**
     * @return the configuration the node runs with.
     */
    public NodeContext context()
    {
        return ctx;
    }

    /**
     * Close the lanes, stop the engine (every actor's {@code onStop} runs on it), release the mailbox and journals.
     * Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (int i = startedLanes.size() - 1; i >= 0; i--)
        {
            CloseHelper.close(ctx.errorHandler(), startedLanes.get(i));
        }
        parts.ring.close();
        CloseHelper.close(ctx.errorHandler(), runner);
        CloseHelper.close(ctx.errorHandler(), journalRunner);
        CloseHelper.close(ctx.errorHandler(), invoker);
        CloseHelper.close(ctx.errorHandler(), executors);
        CloseHelper.close(ctx.errorHandler(), parts);
        CloseHelper.close(ctx.errorHandler(), directoryLock);
    }

    private void closeQuietly()
    {
        try
        {
            close();
        }
        catch (final RuntimeException ignored)
        {
            // the launch failure is what the caller needs to see
        }
    }
}
