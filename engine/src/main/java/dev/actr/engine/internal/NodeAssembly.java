package dev.actr.engine.internal;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.NodeContext;
import dev.actr.engine.ParkingIdleStrategy;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.ThreadingMode;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.internal.counters.CountersFile;
import dev.actr.engine.internal.counters.RouteLatencyCounters;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.ingress.DiscoveryOutcomes;
import dev.actr.engine.internal.ingress.IngressRing;
import dev.actr.engine.internal.ingress.JournallerAgent;
import dev.actr.engine.internal.ingress.LocalFrames;
import dev.actr.engine.internal.peer.PeerResolver;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.replay.ReplayJournalRecorder;
import dev.actr.engine.internal.router.ActorRoutes;
import dev.actr.engine.internal.router.ChunkIntake;
import dev.actr.engine.internal.router.MailboxIntake;
import dev.actr.engine.internal.router.RouteEntry;
import dev.actr.engine.internal.router.RouteTable;
import dev.actr.engine.internal.router.Router;
import dev.actr.engine.internal.scheduler.ActorDirectory;
import dev.actr.engine.internal.scheduler.EngineAgent;
import dev.actr.engine.internal.scheduler.EngineLimits;
import dev.actr.engine.internal.scheduler.EngineSequence;
import dev.actr.engine.internal.scheduler.ReplayDriver;
import dev.actr.engine.internal.scheduler.SchedulerAssembly;
import dev.actr.engine.internal.stream.StreamRegistry;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.dedup.DedupRecordDescriptor;
import dev.actr.journal.integrity.StoreIntegrity;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.InMemoryMailbox;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.ReplayJournal;
import dev.actr.journal.replay.ReplayJournalContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The parts of a node wired together before anything runs: ring, local frames, mailbox, journal recorder, pending
 * map, peer table, streams, egress, routes, router and the scheduler's parts. {@link #live} builds a running node's
 * (its own mailbox, journals and lanes); {@link #replay} builds a replay's (an in-memory mailbox, outputs only
 * captured, inputs fed through the {@link ReplayDriver}).
 */
public final class NodeAssembly implements AutoCloseable
{
    /** Most bytes of effects one request may record. */
    public static final int MAX_EFFECT_BYTES = 1024 * 1024;
    private static final int JOURNAL_BATCH = 256;
    private static final int REPLAY_MAILBOX_CAPACITY = 1024;

    public final SystemCounters counters;
    /** Per-route latency counters; the engine publishes them about once a second. */
    public final RouteLatencyCounters routeLatency;
    public final IngressRing ring;
    public final RouteTable routes = new RouteTable();
    public final ActorDirectory directory;
    public final EngineAgent engine;
    public final JournallerAgent journaller;
    public final HandlerWatchdog watchdog;
    public final EngineSequence sequence = new EngineSequence();
    final Mailbox mailbox;
    final JournalRecorder recorder;
    private final DedupJournal dedupJournal;
    private final ReplayDriver replayDriver;
    private final EngineClock clock;
    private final CountersFile countersFile;
    private final PeerResolver resolver;

    private NodeAssembly(
        final NodeContext ctx,
        final Mailbox mailbox,
        final JournalRecorder recorder,
        final DedupJournal dedupJournal,
        final boolean replay)
    {
        this.mailbox = mailbox;
        this.recorder = recorder;
        this.dedupJournal = dedupJournal;
        final ErrorHandler errorHandler = countingErrorHandler(ctx.errorHandler());
        this.clock = new EngineClock(ctx.clock());
        final boolean journalStage = !replay && ctx.threadingMode() == ThreadingMode.DEDICATED && ctx.journalEnabled();
        final ParkingIdleStrategy engineIdle = ctx.idleStrategy() instanceof ParkingIdleStrategy ?
            (ParkingIdleStrategy)ctx.idleStrategy() : null;
        final ParkingIdleStrategy journallerIdle = journalStage ? new ParkingIdleStrategy(0, 0,
            ParkingIdleStrategy.TIMER_PARK_NS_DEFAULT, ParkingIdleStrategy.TIMER_PARK_NS_DEFAULT) : null;
        final Runnable wakeEngine = engineIdle != null ? engineIdle::wake : () -> { };
        ring = new IngressRing(ctx.ringSize(), ctx.ringSlotBytes(), ctx.maxFrameLength(),
            journalStage ? journallerIdle::wake : wakeEngine, errorHandler, journalStage);
        final LocalFrames local = new LocalFrames(ctx.ringSize(), ctx.ringSlotBytes(), ctx.maxFrameLength(),
            errorHandler);
        final PeerTable peers = new PeerTable(ctx.peerCapacity());
        directory = new ActorDirectory(ids(ctx), actors(ctx), peers);
        for (int i = 0; i < directory.count(); i++)
        {
            directory.actor(i).onRegister(new ActorRoutes(routes, i));
        }
        countersFile = CountersFile.create(replay ? null : ctx.directory(),
            CountersFile.capacityFor(routes.entries().size()), ctx.clock());
        counters = new SystemCounters(countersFile.countersManager());
        routeLatency = new RouteLatencyCounters(countersFile.countersManager(), routes.entries(), clock.nanoTime());
        resolver = new PeerResolver(peers, replay ? peer -> { } : ctx.connector(), counters);
        final PendingCalls pending = new PendingCalls(ctx.pendingCapacity(), clock.nanoTime());
        final StreamRegistry streams = new StreamRegistry(ctx.streamCapacity());
        final EgressProxy egress = new EgressProxy(local, peers, clock, recorder, !replay);
        watchdog = new HandlerWatchdog(ctx.handlerStallNs(), errorHandler, counters, this::actorName,
            index -> routes.get(index).routeKey());
        final SchedulerAssembly scheduler = new SchedulerAssembly(new SchedulerAssembly.Shared(directory, peers,
            resolver, pending, streams, egress, routes, mailbox, counters, clock, recorder, errorHandler, watchdog,
            replay ? type -> new CompletableFuture<>() : ctx.discovery(), new DiscoveryOutcomes(ring)),
            dedupJournal, ctx.dedupCapacity(), ctx.dedupWindowNs(), replay || dedupJournal != null,
            TimeUnit.MILLISECONDS.toNanos(ctx.defaultCallTimeoutMs()), sequence);
        final Router router = new Router(ring, local,
            new MailboxIntake(routes, mailbox, pending, peers, egress, counters, clock),
            new ChunkIntake(streams, counters), pending, peers, resolver, egress, scheduler.connectionEvents(),
            scheduler.discoveryEvents(), counters, clock,
            journalStage ? JournalRecorder.NONE : recorder);
        engine = scheduler.engineAgent(router, new EngineLimits(256, 64, 64, ctx.fairnessBound()), routeLatency);
        replayDriver = replay ? scheduler.replayDriver() : null;
        journaller = journalStage ?
            new JournallerAgent(ring, recorder, ctx.clock(), wakeEngine, JOURNAL_BATCH) : null;
        if (engineIdle != null)
        {
            engineIdle.attach(engine::hasInput, engine::timersPending);
        }
        if (journallerIdle != null)
        {
            journallerIdle.attach(() -> ring.journalBacklog() > 0, () -> false);
        }
        this.journallerIdle = journallerIdle;
    }

    /** The journaller's idle strategy ({@code DEDICATED} with a journal), else null. */
    public final ParkingIdleStrategy journallerIdle;

    /**
     * Wire a node to run: its mailbox, its replay journal and commit (dedup) journal when it has a directory.
     *
     * @param ctx concluded configuration.
     * @return the parts.
     */
    public static NodeAssembly live(final NodeContext ctx)
    {
        final StoreIntegrity integrity = new StoreIntegrity(ctx.errorHandler());
        Mailbox mailbox = null;
        JournalRecorder recorder = null;
        DedupJournal dedupJournal = null;
        try
        {
            mailbox = ctx.mailboxSupplier().get();
            if (mailbox instanceof ChronicleMailbox)
            {
                integrity.addAll(((ChronicleMailbox)mailbox).integrity());
            }
            recorder = ctx.journalEnabled() ? new ReplayJournalRecorder(ReplayJournal.open(new ReplayJournalContext()
                .directory(ctx.directory().resolve("journal")).integrity(integrity))) : JournalRecorder.NONE;
            dedupJournal = ctx.directory() == null ? null : dedupJournal(ctx, integrity);
            final NodeAssembly parts = new NodeAssembly(ctx, mailbox, recorder, dedupJournal, false);
            parts.counters.add(SystemCounter.STORE_DAMAGE_DETECTED, integrity.damageDetected());
            parts.counters.add(SystemCounter.STORE_DAMAGE_REPAIRED, integrity.damageRepaired());
            return parts;
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(mailbox, recorder, dedupJournal);
            throw ex;
        }
    }

    /**
     * Wire a replay: an in-memory mailbox, nothing delivered (outputs go to {@code capture} only), effects accepted.
     *
     * @param ctx     concluded configuration with the replayed node's actors.
     * @param capture told of every output.
     * @return the parts.
     */
    public static NodeAssembly replay(final NodeContext ctx, final JournalRecorder capture)
    {
        return new NodeAssembly(ctx, new InMemoryMailbox(REPLAY_MAILBOX_CAPACITY, 1L << 30), capture, null, true);
    }

    /**
     * @return the replay entry points ({@link #replay} only).
     */
    public ReplayDriver replayDriver()
    {
        return replayDriver;
    }

    /**
     * A durable node's run: count it, start the engine's correlation ids at its base so that no id of an earlier
     * run comes again, and record that base for replay.
     *
     * @param directory the node's directory.
     * @return the base the host's ids must start from too.
     */
    public long startRun(final Path directory)
    {
        final long base = Incarnation.nextCorrelationBase(directory);
        sequence.base(base);
        recorder.onDispatch(clock.update(), DispatchInput.START, -1, -1, base, null, 0, 0);
        recorder.onDispatchEnd();
        return base;
    }

    /**
     * Write the replay journal's manifest (actor names and route keys), when it records.
     */
    public void writeManifest()
    {
        if (recorder instanceof ReplayJournalRecorder)
        {
            final List<String> names = new ArrayList<>();
            for (int i = 0; i < directory.count(); i++)
            {
                names.add(actorName(i));
            }
            final List<String> keys = new ArrayList<>();
            for (final RouteEntry route : routes.entries())
            {
                keys.add(route.routeKey());
            }
            ((ReplayJournalRecorder)recorder).writeManifest(names, keys);
        }
    }

    /**
     * @param nodeDirectory a node's directory.
     * @return where its commit (dedup) journal lives.
     */
    public static Path dedupDirectory(final Path nodeDirectory)
    {
        return nodeDirectory.resolve("dedup");
    }

    /**
     * Release the mailbox and the journals, then mark the counters closed.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(watchdog, resolver, mailbox, recorder, dedupJournal, countersFile);
    }

    private String actorName(final int index)
    {
        final ActrId id = directory.id(index);
        return id == null ? "host" : ActrIds.format(id);
    }

    private static List<ActrId> ids(final NodeContext ctx)
    {
        final List<ActrId> ids = new ArrayList<>();
        ids.add(null);
        ids.addAll(ctx.actorIds());
        return ids;
    }

    private static List<Actor> actors(final NodeContext ctx)
    {
        final List<Actor> actors = new ArrayList<>();
        actors.add(ctx.hostActor());
        actors.addAll(ctx.actors());
        return actors;
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
                DedupRecordDescriptor.HEADER_LENGTH + ctx.maxFrameLength() + MAX_EFFECT_BYTES), integrity);
    }
}
