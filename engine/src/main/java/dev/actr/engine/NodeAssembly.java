package dev.actr.engine;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.egress.EnvelopeProxy;
import dev.actr.engine.ingress.IngressRing;
import dev.actr.engine.ingress.JournallerAgent;
import dev.actr.engine.pending.PendingCalls;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.engine.replay.ReplayJournalRecorder;
import dev.actr.engine.router.ActorRoutes;
import dev.actr.engine.router.RouteEntry;
import dev.actr.engine.router.RouteTable;
import dev.actr.engine.router.Router;
import dev.actr.engine.scheduler.Scheduler;
import dev.actr.engine.stream.StreamRegistry;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.dedup.DedupRecordDescriptor;
import dev.actr.journal.integrity.StoreIntegrity;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.ReplayJournal;
import dev.actr.journal.replay.ReplayJournalContext;
import dev.actr.lanes.FrameSink;
import dev.actr.lanes.inproc.InProcessLane;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parts of a node wired together, before anything runs: ring, mailbox, journal recorder, pending map,
 * streams, egress, routes, router and scheduler. {@link ActrNode} runs one; a replay builds one whose egress is a
 * capturing sink and feeds its scheduler recorded inputs.
 */
public final class NodeAssembly implements AutoCloseable
{
    private static final int JOURNAL_BATCH = 256;

    final SystemCounters counters = new SystemCounters();
    final IngressRing ring;
    final Mailbox mailbox;
    /** The journal stage's agent and idle strategy ({@code DEDICATED} with a journal), else null. */
    final JournallerAgent journaller;
    final ParkingIdleStrategy journallerIdle;
    final JournalRecorder recorder;
    final RouteTable routes = new RouteTable();
    final Scheduler scheduler;
    final HostClient host;
    private final NodeContext ctx;
    private final DedupJournal dedupJournal;
    private final StoreIntegrity storeIntegrity;

    /**
     * @param ctx      concluded configuration.
     * @param egress   where actors' envelopes and chunks go: null for the node's own ingress ring (in-process).
     * @param recorder journal recorder, or null for the one the context asks for.
     */
    public NodeAssembly(final NodeContext ctx, final FrameSink egress, final JournalRecorder recorder)
    {
        this(ctx, egress, recorder, new ArrayList<>());
    }

    /**
     * @param ctx      concluded configuration.
     * @param egress   where actors' envelopes and chunks go: null for the node's own ingress ring (in-process).
     * @param recorder journal recorder, or null for the one the context asks for.
     * @param opened   told of each store as it opens, so that a launch that fails can close what was opened.
     */
    NodeAssembly(
        final NodeContext ctx, final FrameSink egress, final JournalRecorder recorder, final List<AutoCloseable> opened)
    {
        this.ctx = ctx;
        final ErrorHandler errorHandler = countingErrorHandler(ctx.errorHandler());
        storeIntegrity = new StoreIntegrity(errorHandler);
        final EngineClock clock = new EngineClock(ctx.clock());
        final boolean journalStage = ctx.threadingMode() == ThreadingMode.DEDICATED && ctx.journalEnabled() &&
            recorder == null && egress == null;
        final Runnable wakeEngine = wakeOf(ctx.idleStrategy());
        journallerIdle = journalStage ? new ParkingIdleStrategy(NodeContext.MAX_PARK_NS_DEFAULT) : null;
        ring = new IngressRing(ctx.ringSize(), ctx.ringSlotBytes(), ctx.maxFrameLength(),
            journalStage ? journallerIdle::wake : wakeEngine, errorHandler, journalStage);
        if (ctx.idleStrategy() instanceof ParkingIdleStrategy)
        {
            ((ParkingIdleStrategy)ctx.idleStrategy()).hasWork(() -> ring.backlog() > 0);
        }
        mailbox = ctx.mailboxSupplier().get();
        opened.add(mailbox);
        reportStoreDamage(mailbox);
        this.recorder = recorder != null ? recorder : recorderFor(ctx, storeIntegrity);
        opened.add(this.recorder);
        journaller = journalStage ? journaller(ctx, wakeEngine) : null;
        final PendingCalls pending = new PendingCalls(ctx.pendingCapacity(), clock.nanoTime());
        final StreamRegistry streams = new StreamRegistry(ctx.streamCapacity());
        final EnvelopeProxy proxy =
            new EnvelopeProxy(new InProcessLane(egress != null ? egress : ring), clock, this.recorder);
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
        dedupJournal = ctx.directory() == null || egress != null ? null : dedupJournal(ctx, storeIntegrity);
        opened.add(dedupJournal);
        final Router router = new Router(routes, mailbox, pending, streams, proxy, counters, clock,
            journalStage ? JournalRecorder.NONE : this.recorder);
        scheduler = new Scheduler(ring, router, mailbox, pending, streams, proxy, counters, clock, routes,
            errorHandler, limits(ctx), this.recorder, dedupJournal, ids, actors);
        if (egress != null)
        {
            scheduler.acceptEffectsWithoutJournal();
        }
        final AtomicLong hostSequence = new AtomicLong();
        if (ctx.directory() != null && egress == null)
        {
            startRun(ctx.directory(), clock, hostSequence);
        }
        host = new HostClient(ring, scheduler, hostSequence, counters, ctx.defaultCallTimeoutMs());
        if (this.recorder instanceof ReplayJournalRecorder)
        {
            ((ReplayJournalRecorder)this.recorder).writeManifest(actorNames(ids), routeKeys());
        }
        counters.add(SystemCounter.STORE_DAMAGE_DETECTED, storeIntegrity.damageDetected());
        counters.add(SystemCounter.STORE_DAMAGE_REPAIRED, storeIntegrity.damageRepaired());
    }

    /**
     * Damage a durable mailbox found and repaired while it opened: told to the node's error handler like the other
     * stores' (which report straight to {@link #storeIntegrity}).
     */
    private void reportStoreDamage(final Mailbox mailbox)
    {
        if (mailbox instanceof ChronicleMailbox)
        {
            storeIntegrity.addAll(((ChronicleMailbox)mailbox).integrity());
        }
    }

    /**
     * Run every actor's {@code onStart}, then every actor's {@code onReady}; an exception aborts with it.
     */
    public void startActors()
    {
        for (int i = 0; i < scheduler.actorCount(); i++)
        {
            actor(i).onStart(scheduler.context(i));
        }
        for (int i = 0; i < scheduler.actorCount(); i++)
        {
            actor(i).onReady(scheduler.context(i));
        }
    }


    private Actor actor(final int index)
    {
        return index == Scheduler.HOST_INDEX ? ctx.hostActor() : ctx.actors().get(index - 1);
    }

    /**
     * @return the scheduler (engine thread only).
     */
    public Scheduler scheduler()
    {
        return scheduler;
    }

    /**
     * @return the route table.
     */
    public RouteTable routes()
    {
        return routes;
    }

    /**
     * @return the system counters.
     */
    public SystemCounters counters()
    {
        return counters;
    }

    static Path dedupDirectory(final Path nodeDirectory)
    {
        return nodeDirectory.resolve("dedup");
    }

    /**
     * Release the mailbox and the journal.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(mailbox, recorder, dedupJournal);
    }

    private static JournalRecorder recorderFor(final NodeContext ctx, final StoreIntegrity integrity)
    {
        return ctx.journalEnabled() ? new ReplayJournalRecorder(ReplayJournal.open(
            new ReplayJournalContext().directory(ctx.directory().resolve("journal")).integrity(integrity))) :
            JournalRecorder.NONE;
    }

    private static List<String> actorNames(final List<ActrId> ids)
    {
        final List<String> names = new ArrayList<>();
        for (final ActrId id : ids)
        {
            names.add(id == null ? "host" : ActrIds.format(id));
        }
        return names;
    }

    private List<String> routeKeys()
    {
        final List<String> keys = new ArrayList<>();
        for (final RouteEntry route : routes.entries())
        {
            keys.add(route.routeKey());
        }
        return keys;
    }

    private ErrorHandler countingErrorHandler(final ErrorHandler delegate)
    {
        return error ->
        {
            counters.incrementConcurrently(SystemCounter.ERRORS);
            delegate.onError(error);
        };
    }

    private static DedupJournal dedupJournal(final NodeContext ctx, final StoreIntegrity integrity)
    {
        return new DedupJournal(dedupDirectory(ctx.directory()), ctx.dedupWindowNs(), ctx.fsyncPolicy(),
            ChronicleMailboxContext.blockSizeFor(
                DedupRecordDescriptor.HEADER_LENGTH + ctx.maxFrameLength() + Scheduler.MAX_EFFECT_BYTES), integrity);
    }

    /**
     * A durable node's run: count it, start the engine's and the host's correlation ids at its base so that no
     * id of an earlier run comes again, and record that base for replay.
     */
    private void startRun(final Path directory, final EngineClock clock, final AtomicLong hostSequence)
    {
        final long base = Incarnation.nextCorrelationBase(directory);
        scheduler.correlationBase(base);
        hostSequence.set(base);
        recorder.onDispatch(clock.nanoTime(), DispatchInput.START, -1, -1, base, null, 0, 0);
        recorder.onDispatchEnd();
    }

    private static Runnable wakeOf(final IdleStrategy idleStrategy)
    {
        return idleStrategy instanceof ParkingIdleStrategy ? ((ParkingIdleStrategy)idleStrategy)::wake : () -> { };
    }

    private JournallerAgent journaller(final NodeContext ctx, final Runnable wakeEngine)
    {
        journallerIdle.hasWork(() -> ring.journalBacklog() > 0);
        return new JournallerAgent(ring, recorder, ctx.clock(), wakeEngine, JOURNAL_BATCH);
    }

    private static Scheduler.Limits limits(final NodeContext ctx)
    {
        return new Scheduler.Limits(256, 64, 64, ctx.fairnessBound(),
            TimeUnit.MILLISECONDS.toNanos(ctx.defaultCallTimeoutMs()), ctx.dedupCapacity(), ctx.dedupWindowNs());
    }
}
