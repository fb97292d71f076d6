package dev.actr.engine;

import dev.actr.engine.actor.Actor;
import dev.actr.engine.egress.EnvelopeProxy;
import dev.actr.engine.ingress.IngressRing;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.engine.pending.PendingCalls;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.engine.replay.ReplayJournalRecorder;
import dev.actr.engine.router.ActorRoutes;
import dev.actr.engine.router.RouteEntry;
import dev.actr.engine.router.RouteTable;
import dev.actr.engine.router.Router;
import dev.actr.engine.scheduler.Scheduler;
import dev.actr.engine.stream.StreamRegistry;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.journal.replay.ReplayJournal;
import dev.actr.journal.replay.ReplayJournalContext;
import dev.actr.lanes.inproc.InProcessLane;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running node: its actors, its engine and the host's way in. Launch with {@link #launch(NodeContext)};
 * {@link #close()} stops the engine, runs every actor's {@code onStop} and releases the mailbox.
 */
public final class ActrNode implements AutoCloseable
{
    private final NodeContext ctx;
    private final SystemCounters counters = new SystemCounters();
    private final IngressRing ring;
    private final Mailbox mailbox;
    private final RouteTable routes = new RouteTable();
    private final Scheduler scheduler;
    private final HostClient host;
    private final JournalRecorder recorder;
    private final Map<String, Histogram> latencyByRoute = new HashMap<>();
    private AgentRunner runner;
    private AgentInvoker invoker;
    private boolean closed;

    private ActrNode(final NodeContext ctx)
    {
        this.ctx = ctx;
        final ErrorHandler errorHandler = countingErrorHandler(ctx.errorHandler());
        final EngineClock clock = new EngineClock(ctx.clock());
        final IdleStrategy idleStrategy = ctx.idleStrategy();
        final Runnable wake = idleStrategy instanceof ParkingIdleStrategy ?
            ((ParkingIdleStrategy)idleStrategy)::wake : () -> { };
        ring = new IngressRing(ctx.ringSize(), ctx.ringSlotBytes(), ctx.maxFrameLength(), wake, errorHandler);
        if (idleStrategy instanceof ParkingIdleStrategy)
        {
            ((ParkingIdleStrategy)idleStrategy).hasWork(() -> ring.backlog() > 0);
        }
        mailbox = ctx.mailboxSupplier().get();
        recorder = ctx.journalEnabled() ? new ReplayJournalRecorder(ReplayJournal.open(
            new ReplayJournalContext().directory(ctx.directory().resolve("journal")))) : JournalRecorder.NONE;
        final PendingCalls pending = new PendingCalls(ctx.pendingCapacity(), clock.nanoTime());
        final StreamRegistry streams = new StreamRegistry(ctx.streamCapacity());
        final EnvelopeProxy proxy = new EnvelopeProxy(new InProcessLane(ring), clock, recorder);
        final List<ActrId> ids = new ArrayList<>();
        final List<Actor> actors = new ArrayList<>();
        ids.add(null);
        actors.add(ctx.hostActor());
        ids.addAll(ctx.actorIds());
        actors.addAll(ctx.actors());
        for (int i = 0; i < actors.size(); i++)
        {
            actors.get(i).onRegister(new ActorRoutes(routes, i));
        }
        final Router router = new Router(routes, mailbox, pending, streams, proxy, counters, clock, recorder);
        final AtomicLong correlationIds = new AtomicLong();
        scheduler = new Scheduler(ring, router, mailbox, pending, streams, proxy, counters, clock, routes,
            correlationIds, errorHandler, limits(ctx), recorder, ids, actors);
        if (recorder instanceof ReplayJournalRecorder)
        {
            writeManifest(ids);
        }
        host = new HostClient(ring, scheduler, correlationIds, counters, ctx.defaultCallTimeoutMs());
    }

    /**
     * Launch a node: register every actor's routes, run {@code onStart} (an exception aborts the launch with that
     * exception) then {@code onReady}, and start the engine as the threading mode says.
     *
     * @param ctx the configuration; concluded here.
     * @return the running node.
     */
    public static ActrNode launch(final NodeContext ctx)
    {
        ctx.conclude();
        final ActrNode node = new ActrNode(ctx);
        try
        {
            node.start();
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.closeAll(node.mailbox, node.recorder);
            throw ex;
        }
        return node;
    }

    private void start()
    {
        for (int i = 0; i < scheduler.actorCount(); i++)
        {
            actor(i).onStart(scheduler.context(i));
        }
        for (int i = 0; i < scheduler.actorCount(); i++)
        {
            actor(i).onReady(scheduler.context(i));
        }
        if (ctx.threadingMode() == ThreadingMode.INVOKER)
        {
            invoker = new AgentInvoker(ctx.errorHandler(), null, scheduler);
            invoker.start();
        }
        else
        {
            runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, scheduler);
            AgentRunner.startOnThread(runner, ctx.threadFactory());
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
     * @return where lanes deliver the frames they receive (the ingress ring); any thread.
     */
    public dev.actr.lanes.FrameSink ingress()
    {
        return ring;
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
        return counters.get(counter);
    }

    /**
     * @return every system counter; any thread.
     */
    public SystemCounters counters()
    {
        return counters;
    }

    /**
     * Arrival-to-reply latency of a route since launch, in ns. Any thread.
     *
     * @param routeKey a registered route.
     * @return a copy of the cumulative histogram (of the first actor that registered the route).
     */
    public synchronized Histogram latencyNs(final String routeKey)
    {
        for (final RouteEntry route : routes.entries())
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
     * Stop the engine, run every actor's {@code onStop}, release the mailbox. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ring.close();
        CloseHelper.close(ctx.errorHandler(), runner);
        CloseHelper.close(ctx.errorHandler(), invoker);
        for (int i = 0; i < scheduler.actorCount(); i++)
        {
            try
            {
                actor(i).onStop(scheduler.context(i));
            }
            catch (final RuntimeException ex)
            {
                ctx.errorHandler().onError(ex);
            }
        }
        CloseHelper.close(ctx.errorHandler(), mailbox);
        CloseHelper.close(ctx.errorHandler(), recorder);
    }

    private void writeManifest(final List<ActrId> ids)
    {
        final List<String> actorNames = new ArrayList<>();
        for (final ActrId id : ids)
        {
            actorNames.add(id == null ? "host" : ActrIds.format(id));
        }
        final List<String> routeKeys = new ArrayList<>();
        for (final RouteEntry route : routes.entries())
        {
            routeKeys.add(route.routeKey());
        }
        ((ReplayJournalRecorder)recorder).writeManifest(actorNames, routeKeys);
    }

    private Actor actor(final int index)
    {
        return index == Scheduler.HOST_INDEX ? ctx.hostActor() : ctx.actors().get(index - 1);
    }

    private ErrorHandler countingErrorHandler(final ErrorHandler delegate)
    {
        return error ->
        {
            counters.incrementConcurrently(SystemCounter.ERRORS);
            delegate.onError(error);
        };
    }

    private static Scheduler.Limits limits(final NodeContext ctx)
    {
        return new Scheduler.Limits(256, 64, 64, ctx.fairnessBound(),
            java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ctx.defaultCallTimeoutMs()),
            ctx.dedupCapacity(), ctx.dedupWindowNs());
    }
}
