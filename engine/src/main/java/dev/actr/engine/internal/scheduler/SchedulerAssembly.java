package dev.actr.engine.internal.scheduler;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.HandlerWatchdog;
import dev.actr.engine.internal.counters.RouteLatencyCounters;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.peer.PeerResolver;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.ingress.DiscoveryOutcomes;
import dev.actr.engine.internal.router.ConnectionEvents;
import dev.actr.engine.internal.router.DiscoveryEvents;
import dev.actr.engine.internal.router.RouteTable;
import dev.actr.engine.internal.router.Router;
import dev.actr.engine.internal.stream.StreamRegistry;
import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.lanes.PeerDiscovery;
import org.agrona.ErrorHandler;

/**
 * Wires the scheduler's parts — dedup window, replies, calls, dispatcher, actor contexts, chunk delivery, lifecycle
 * and peer events — from the node's shared parts, each collaborator handed to the part that uses it. The node
 * assembly then builds the router with {@link #connectionEvents()} and the duty cycle with {@link #engineAgent},
 * or a replay takes {@link #replayDriver()}.
 */
public final class SchedulerAssembly
{
    /** Everything the scheduler's parts share, fixed at launch. */
    public static final class Shared
    {
        final ActorDirectory directory;
        final PeerTable peers;
        final PeerResolver resolver;
        final PendingCalls pending;
        final StreamRegistry streams;
        final EgressProxy egress;
        final RouteTable routes;
        final Mailbox mailbox;
        final SystemCounters counters;
        final EngineClock clock;
        final JournalRecorder recorder;
        final ErrorHandler errorHandler;
        final HandlerWatchdog watchdog;
        final PeerDiscovery discovery;
        final DiscoveryOutcomes outcomes;

        /**
         * @param directory    who is who.
         * @param peers        the peer table.
         * @param resolver     resolves peers to send to (connecting on demand).
         * @param pending      calls waiting.
         * @param streams      chunk streams.
         * @param egress       outbound frames.
         * @param routes       every route.
         * @param mailbox      requests and tells.
         * @param counters     system counters.
         * @param clock        the engine clock.
         * @param recorder     the replay journal (or a replay's capture, or NONE).
         * @param errorHandler the node's error handler.
         * @param watchdog     the handler watchdog.
         * @param discovery    finds peers by type, or null (a replay passes one that never answers: its outcomes
         *                     are replayed inputs).
         * @param outcomes     where discovery outcomes are published, or null.
         */
        public Shared(
            final ActorDirectory directory,
            final PeerTable peers,
            final PeerResolver resolver,
            final PendingCalls pending,
            final StreamRegistry streams,
            final EgressProxy egress,
            final RouteTable routes,
            final Mailbox mailbox,
            final SystemCounters counters,
            final EngineClock clock,
            final JournalRecorder recorder,
            final ErrorHandler errorHandler,
            final HandlerWatchdog watchdog,
            final PeerDiscovery discovery,
            final DiscoveryOutcomes outcomes)
        {
            this.discovery = discovery;
            this.outcomes = outcomes;
            this.directory = directory;
            this.peers = peers;
            this.resolver = resolver;
            this.pending = pending;
            this.streams = streams;
            this.egress = egress;
            this.routes = routes;
            this.mailbox = mailbox;
            this.counters = counters;
            this.clock = clock;
            this.recorder = recorder;
            this.errorHandler = errorHandler;
            this.watchdog = watchdog;
        }
    }

    private final Shared shared;
    private final CommitGroup commits;
    private final Dispatcher dispatcher;
    private final ChunkDelivery chunks;
    private final ActorLifecycle lifecycle;
    private final PeerLifecycle peerLifecycle;
    private final EngineSequence sequence;
    private final Discoveries discoveries;

    /**
     * @param shared               the shared parts.
     * @param dedupJournal         where answers are committed across restarts, or null.
     * @param dedupCapacity        requests remembered for duplicate suppression.
     * @param dedupWindowNs        how long they are remembered.
     * @param acceptsEffects       whether handlers may record effects (a durable node, or a replay of one).
     * @param defaultCallTimeoutNs deadline of a call made outside any request.
     * @param sequence             the engine's correlation sequence.
     */
    public SchedulerAssembly(
        final Shared shared,
        final DedupJournal dedupJournal,
        final int dedupCapacity,
        final long dedupWindowNs,
        final boolean acceptsEffects,
        final long defaultCallTimeoutNs,
        final EngineSequence sequence)
    {
        this.shared = shared;
        this.sequence = sequence;
        final HandlerFailures failures = new HandlerFailures(shared.counters, shared.errorHandler);
        final DedupWindow dedup = new DedupWindow(dedupCapacity, dedupWindowNs, dedupJournal, shared.clock.nanoTime());
        commits = new CommitGroup(shared.mailbox, dedupJournal, shared.egress, shared.counters);
        final Replies replies = new Replies(shared.egress, dedup, commits, shared.pending, sequence, shared.directory,
            failures, shared.counters, shared.clock, shared.recorder);
        discoveries = new Discoveries(shared.discovery, shared.outcomes, shared.pending, sequence);
        final ActorCalls calls = new ActorCalls(shared.directory, shared.resolver, shared.pending, shared.egress,
            shared.streams, sequence, shared.counters, shared.clock, discoveries);
        final ActorContextImpl[] contexts = new ActorContextImpl[shared.directory.count()];
        for (int i = 0; i < contexts.length; i++)
        {
            final Actor actor = shared.directory.actor(i);
            contexts[i] = new ActorContextImpl(i, actor, shared.directory, calls, replies, shared.streams, failures,
                shared.watchdog, shared.clock, shared.recorder, acceptsEffects, defaultCallTimeoutNs);
        }
        shared.directory.contexts(contexts);
        dispatcher = new Dispatcher(shared.directory, shared.routes, dedup, replies, commits, failures,
            shared.watchdog, shared.counters, shared.clock, shared.recorder);
        chunks = new ChunkDelivery(shared.directory, failures, shared.watchdog, shared.counters, shared.clock,
            shared.recorder);
        lifecycle = new ActorLifecycle(shared.directory, failures, shared.watchdog);
        peerLifecycle = new PeerLifecycle(shared.peers, shared.pending, lifecycle, shared.counters, shared.clock,
            shared.recorder);
    }

    /**
     * @return what the router does with connection events.
     */
    public ConnectionEvents connectionEvents()
    {
        return peerLifecycle;
    }

    /**
     * @return what the router does with discovery outcomes.
     */
    public DiscoveryEvents discoveryEvents()
    {
        return discoveries;
    }

    /**
     * @return the actors' lifecycle hooks.
     */
    public ActorLifecycle lifecycle()
    {
        return lifecycle;
    }

    /**
     * @param router       the node's router.
     * @param limits       tunables.
     * @param routeLatency publishes each route's latency to the node's counters, about once a second.
     * @return the duty cycle.
     */
    public EngineAgent engineAgent(final Router router, final EngineLimits limits,
        final RouteLatencyCounters routeLatency)
    {
        return new EngineAgent(router, shared.mailbox, dispatcher, shared.pending, shared.streams, chunks, commits,
            lifecycle, shared.clock, shared.counters, limits, shared.peers, routeLatency);
    }

    /**
     * @return the entry points of a replay.
     */
    public ReplayDriver replayDriver()
    {
        return new ReplayDriver(dispatcher, shared.pending, shared.streams, chunks, peerLifecycle, discoveries,
            sequence, shared.clock, shared.directory);
    }

    /**
     * @param index an actor index.
     * @return the actor's id, null for the host.
     */
    public ActrId actorId(final int index)
    {
        return shared.directory.id(index);
    }
}
