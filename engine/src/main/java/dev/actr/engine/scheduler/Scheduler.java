package dev.actr.engine.scheduler;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.engine.EngineClock;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.StreamHandler;
import dev.actr.engine.egress.EnvelopeProxy;
import dev.actr.engine.ingress.IngressRing;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.engine.pending.PendingCalls;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.engine.router.RouteTable;
import dev.actr.engine.router.Router;
import dev.actr.engine.stream.StreamRegistry;
import dev.actr.journal.replay.DispatchInput;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's duty cycle, as an Agrona {@link Agent}: poll the ingress ring through the router (responses
 * complete their calls and run continuations at once), expire deadlines, drain the mailbox — HIGH before
 * NORMAL, with at most {@code fairnessBound} HIGH messages in a row while NORMAL ones wait — then deliver chunks.
 * Owns every actor and all their state.
 *
 * <p>NOT thread safe: one thread runs it (the engine thread, or the host through an invoker).
 */
public final class Scheduler implements Agent
{
    /** Caller and actor index of the host. */
    public static final int HOST_INDEX = 0;
    /** Most bytes of effects one request may record. */
    public static final int MAX_EFFECT_BYTES = RequestScope.MAX_EFFECT_BYTES;

    /** Tunables of the duty cycle. */
    public static final class Limits
    {
        final int ringBatch;
        final int mailboxBatch;
        final int chunkBatch;
        final int fairnessBound;
        final long defaultCallTimeoutNs;
        final int dedupCapacity;
        final long dedupWindowNs;

        /**
         * @param ringBatch            most ingress events routed per cycle.
         * @param mailboxBatch         most mailbox messages dispatched per cycle.
         * @param chunkBatch           most chunks delivered per cycle.
         * @param fairnessBound        most HIGH messages in a row while NORMAL ones wait.
         * @param defaultCallTimeoutNs deadline of a call made outside any request.
         * @param dedupCapacity        requests remembered for duplicate suppression.
         * @param dedupWindowNs        how long they are remembered.
         */
        public Limits(
            final int ringBatch,
            final int mailboxBatch,
            final int chunkBatch,
            final int fairnessBound,
            final long defaultCallTimeoutNs,
            final int dedupCapacity,
            final long dedupWindowNs)
        {
            this.ringBatch = ringBatch;
            this.mailboxBatch = mailboxBatch;
            this.chunkBatch = chunkBatch;
            this.fairnessBound = fairnessBound;
            this.defaultCallTimeoutNs = defaultCallTimeoutNs;
            this.dedupCapacity = dedupCapacity;
            this.dedupWindowNs = dedupWindowNs;
        }
    }

    private final IngressRing ring;
    private final Router router;
    private final Mailbox mailbox;
    private final PendingCalls pending;
    private final StreamRegistry streams;
    private final EnvelopeProxy proxy;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final RouteTable routes;
    private final ErrorHandler errorHandler;
    private final Limits limits;
    private final JournalRecorder recorder;
    private final DedupWindow dedup;
    private boolean effectsWithoutJournal;
    private final CommitGroup commitGroup;
    private final Dispatcher dispatcher = new Dispatcher(this);
    private final ActorContextImpl[] contexts;
    private final Map<ActrId, Integer> indexById = new HashMap<>();
    private final Map<String, UnsafeBuffer> routeKeyBytes = new HashMap<>();
    private final StreamRegistry.Delivery chunkDelivery = this::onChunk;
    /** Message id given to replayed messages: acking it touches no mailbox message. */
    private static final long REPLAY_MESSAGE_ID = -2;

    private final dev.actr.codec.envelope.RpcEnvelopeFlyweight replayEnvelope =
        new dev.actr.codec.envelope.RpcEnvelopeFlyweight();
    private int highInARow;
    private long engineSequence;

    /**
     * @param ring           the ingress ring.
     * @param router         routes ingress events.
     * @param mailbox        requests and tells.
     * @param pending        calls waiting for responses.
     * @param streams        chunk streams.
     * @param proxy          outbound envelopes.
     * @param counters       system counters.
     * @param clock          the engine clock.
     * @param routes         every route.
     * @param errorHandler   told of handler errors.
     * @param limits         tunables.
     * @param recorder       told of every input an actor sees.
     * @param dedupJournal   where answers are kept across restarts, or null.
     * @param ids            actor ids by index (index 0 is the host and may be null).
     * @param actors         actors by index (index 0 is the host's actor).
     */
    public Scheduler(
        final IngressRing ring,
        final Router router,
        final Mailbox mailbox,
        final PendingCalls pending,
        final StreamRegistry streams,
        final EnvelopeProxy proxy,
        final SystemCounters counters,
        final EngineClock clock,
        final RouteTable routes,
        final ErrorHandler errorHandler,
        final Limits limits,
        final JournalRecorder recorder,
        final dev.actr.journal.dedup.DedupJournal dedupJournal,
        final List<ActrId> ids,
        final List<Actor> actors)
    {
        this.ring = ring;
        this.router = router;
        this.mailbox = mailbox;
        this.pending = pending;
        this.streams = streams;
        this.proxy = proxy;
        this.counters = counters;
        this.clock = clock;
        this.routes = routes;
        this.errorHandler = errorHandler;
        this.limits = limits;
        this.recorder = recorder;
        this.dedup = new DedupWindow(limits.dedupCapacity, limits.dedupWindowNs, dedupJournal, clock.nanoTime());
        this.commitGroup = new CommitGroup(mailbox, dedupJournal, proxy, counters);
        this.contexts = new ActorContextImpl[actors.size()];
        for (int i = 0; i < contexts.length; i++)
        {
            contexts[i] = new ActorContextImpl(this, i, ids.get(i), actors.get(i));
            if (ids.get(i) != null)
            {
                indexById.put(ids.get(i), i);
            }
        }
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.update();
        int work = ring.poll(router, limits.ringBatch);
        work += expireDeadlines(nowNs);
        work += drainMailbox();
        work += streams.deliver(chunkDelivery, limits.chunkBatch);
        if (work > 0)
        {
            commitGroup.end();
        }
        return work;
    }

    void onError(final Throwable error)
    {
        errorHandler.onError(error);
    }

    CommitGroup commits()
    {
        return commitGroup;
    }

    /**
     * On the engine thread (or the invoker's, in INVOKER mode) as the engine stops: every actor's {@code onStop}
     * (errors go to the error handler), then the last group of commits and acks.
     */
    @Override
    public void onClose()
    {
        for (final ActorContextImpl context : contexts)
        {
            try
            {
                context.actor().onStop(context);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
        }
        commitGroup.end();
    }

    @Override
    public String roleName()
    {
        return "actr-engine";
    }

    /**
     * @param index of an actor.
     * @return the context the node uses for lifecycle hooks of that actor.
     */
    public dev.actr.engine.actor.ActorContext context(final int index)
    {
        return contexts[index];
    }

    /**
     * @return actors, host included.
     */
    public int actorCount()
    {
        return contexts.length;
    }

    /**
     * Replay: run one recorded request or tell (a mailbox record) through the dispatcher, as at its recorded time.
     *
     * @param record holding the mailbox record.
     * @param offset of the record.
     * @param length of the record.
     */
    public void replayMessage(final org.agrona.DirectBuffer record, final int offset, final int length)
    {
        clock.update();
        dispatcher.onMessage(REPLAY_MESSAGE_ID, record, offset, length);
    }

    /**
     * Replay: complete an actor's call with a recorded response envelope.
     *
     * @param envelope holding the RESPONSE envelope.
     * @param offset   of the envelope.
     * @param length   of the envelope.
     * @return false when the replayed actors made no such call (a divergence).
     */
    public boolean replayResponse(final org.agrona.DirectBuffer envelope, final int offset, final int length)
    {
        clock.update();
        return replayEnvelope.wrap(envelope, offset, length) == dev.actr.codec.CodecStatus.OK &&
            pending.onResponse(replayEnvelope);
    }

    /**
     * Replay: time out an actor's call or deferred reply, as the clock did when it was recorded.
     *
     * @param correlationId of the call or of the deferred reply's timer.
     * @return false when the replayed actors have no such call waiting (a divergence).
     */
    public boolean replayTimeout(final long correlationId)
    {
        clock.update();
        return pending.fail(correlationId, dev.actr.codec.ErrorCode.TIMED_OUT.code(), "deadline passed");
    }

    /**
     * Replay: deliver a recorded chunk to its stream's handler.
     *
     * @param actorIndex receiving actor.
     * @param chunk      the chunk.
     * @return false when the replayed actor has no such stream (a divergence).
     */
    public boolean replayChunk(final int actorIndex, final DataChunk chunk)
    {
        clock.update();
        final StreamHandler handler = actorIndex >= 0 && actorIndex < contexts.length ?
            streams.handlerOf(actorIndex, chunk.getStreamId()) : null;
        if (handler == null)
        {
            return false;
        }
        onChunk(actorIndex, handler, chunk);
        return true;
    }

    private int expireDeadlines(final long nowNs)
    {
        final long timedOutBefore = pending.timedOut();
        final int expired = pending.expire(nowNs);
        if (expired > 0)
        {
            counters.add(SystemCounter.CALLS_TIMED_OUT, pending.timedOut() - timedOutBefore);
        }
        return expired;
    }

    private int drainMailbox()
    {
        int dispatched = 0;
        while (dispatched < limits.mailboxBatch)
        {
            final boolean normalWaiting = mailbox.queued(MessagePriority.NORMAL) > 0;
            final boolean highFirst = mailbox.queued(MessagePriority.HIGH) > 0 &&
                (!normalWaiting || highInARow < limits.fairnessBound);
            if (highFirst)
            {
                dispatched += mailbox.poll(MessagePriority.HIGH, dispatcher, 1);
                highInARow++;
            }
            else if (normalWaiting)
            {
                dispatched += mailbox.poll(MessagePriority.NORMAL, dispatcher, 1);
                highInARow = 0;
            }
            else
            {
                break;
            }
        }
        return dispatched;
    }

    private void onChunk(final int actorIndex, final StreamHandler handler, final DataChunk chunk)
    {
        counters.increment(SystemCounter.CHUNKS);
        if (recorder != JournalRecorder.NONE)
        {
            final byte[] bytes = chunk.toByteArray();
            recorder.onDispatch(clock.nanoTime(), DispatchInput.CHUNK, actorIndex, -1, 0,
                new UnsafeBuffer(bytes), 0, bytes.length);
        }
        try
        {
            handler.onChunk(contexts[actorIndex], chunk);
        }
        catch (final RuntimeException | Error ex)
        {
            onHandlerError(contexts[actorIndex], ex);
        }
        finally
        {
            recorder.onDispatchEnd();
        }
    }

    void onHandlerError(final ActorContextImpl ctx, final Throwable error)
    {
        counters.increment(SystemCounter.HANDLER_ERRORS);
        try
        {
            ctx.actor().onError(ctx, error);
        }
        catch (final RuntimeException | Error nested)
        {
            error.addSuppressed(nested);
        }
        errorHandler.onError(error);
    }

    /**
     * @param dest a destination.
     * @return its actor index, or -1 when it is not on this node. Read-only after launch: any thread.
     */
    public int resolve(final Dest dest)
    {
        if (dest instanceof Dest.Host)
        {
            return HOST_INDEX;
        }
        if (dest instanceof Dest.Workload)
        {
            final Integer index = indexById.get(dest.id());
            return index == null ? -1 : index;
        }
        return -1;
    }

    ActrId actorId(final int index)
    {
        return index > HOST_INDEX && index < contexts.length ? contexts[index].self() : null;
    }

    UnsafeBuffer routeKeyBytes(final String routeKey)
    {
        UnsafeBuffer bytes = routeKeyBytes.get(routeKey);
        if (bytes == null)
        {
            bytes = new UnsafeBuffer(routeKey.getBytes(StandardCharsets.UTF_8));
            routeKeyBytes.put(routeKey, bytes);
        }
        return bytes;
    }

    /**
     * Correlation ids the engine thread hands out (calls, tells and deferred-reply timers of actors) are even and
     * come from a sequence of its own, so that a replay of the same inputs hands out the same ids; host threads
     * take odd ids from the shared sequence ({@link #nextHostCorrelationId(AtomicLong)}).
     */
    long nextCorrelationId()
    {
        return ++engineSequence << 1;
    }

    /**
     * Start the engine's correlation ids after {@code base}: a durable node starts each run at a base of its own
     * so that no request id of an earlier run is reused; a replay sets the base its recording started from.
     *
     * @param base the first id is {@code (base + 1) << 1}.
     */
    public void correlationBase(final long base)
    {
        engineSequence = base;
    }

    /**
     * @param hostSequence the node's sequence for host calls.
     * @return the next host correlation id (odd).
     */
    public static long nextHostCorrelationId(final AtomicLong hostSequence)
    {
        return hostSequence.incrementAndGet() << 1 | 1;
    }

    ActorContextImpl contextOf(final int index)
    {
        return contexts[index];
    }

    Dispatcher dispatcher()
    {
        return dispatcher;
    }

    DedupWindow dedup()
    {
        return dedup;
    }

    /**
     * Let handlers record effects although the node has no dedup journal to commit them to: a replay, whose
     * effects were committed by the recorded run and are staged and dropped here.
     */
    public void acceptEffectsWithoutJournal()
    {
        effectsWithoutJournal = true;
    }

    boolean acceptsEffects()
    {
        return effectsWithoutJournal || dedup.durable();
    }

    Mailbox mailbox()
    {
        return mailbox;
    }

    PendingCalls pending()
    {
        return pending;
    }

    StreamRegistry streams()
    {
        return streams;
    }

    EnvelopeProxy proxy()
    {
        return proxy;
    }

    SystemCounters counters()
    {
        return counters;
    }

    EngineClock clock()
    {
        return clock;
    }

    JournalRecorder recorder()
    {
        return recorder;
    }

    RouteTable routes()
    {
        return routes;
    }

    long defaultCallTimeoutNs()
    {
        return limits.defaultCallTimeoutNs;
    }
}
