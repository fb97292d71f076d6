package dev.actr.engine.internal.scheduler;

import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.counters.RouteLatencyCounters;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.router.Router;
import dev.actr.engine.internal.stream.StreamRegistry;
import dev.actr.journal.mailbox.Mailbox;
import dev.actr.journal.mailbox.MessagePriority;
import org.agrona.concurrent.Agent;

import java.util.concurrent.CompletableFuture;

/**
 * The engine's duty cycle, as an Agrona {@link Agent}: route what arrived (the engine's own frames, then the
 * ring's), expire deadlines, run mailbox messages — HIGH before NORMAL, at most {@code fairnessBound} HIGH in a row
 * while NORMAL ones wait, and routing new arrivals between any two messages so that a HIGH message waits at most
 * for the handler running when it came — then deliver chunks, and end the commit group. Starts the actors on its
 * own thread ({@link #onStart()}) and stops them there ({@link #onClose()}).
 *
 * <p>NOT thread safe: one thread runs it (the engine thread, or the host through an invoker).
 */
public final class EngineAgent implements Agent
{
    private final Router router;
    private final Mailbox mailbox;
    private final Dispatcher dispatcher;
    private final PendingCalls pending;
    private final StreamRegistry streams;
    private final ChunkDelivery chunks;
    private final CommitGroup commits;
    private final ActorLifecycle lifecycle;
    private final EngineClock clock;
    private final SystemCounters counters;
    private final EngineLimits limits;
    private final PeerTable peers;
    private final RouteLatencyCounters routeLatency;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private int highInARow;

    EngineAgent(
        final Router router,
        final Mailbox mailbox,
        final Dispatcher dispatcher,
        final PendingCalls pending,
        final StreamRegistry streams,
        final ChunkDelivery chunks,
        final CommitGroup commits,
        final ActorLifecycle lifecycle,
        final EngineClock clock,
        final SystemCounters counters,
        final EngineLimits limits,
        final PeerTable peers,
        final RouteLatencyCounters routeLatency)
    {
        this.peers = peers;
        this.routeLatency = routeLatency;
        this.router = router;
        this.mailbox = mailbox;
        this.dispatcher = dispatcher;
        this.pending = pending;
        this.streams = streams;
        this.chunks = chunks;
        this.commits = commits;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.counters = counters;
        this.limits = limits;
    }

    /**
     * @return completes once every actor's {@code onStart} and {@code onReady} ran, or with the first failure.
     */
    public CompletableFuture<Void> started()
    {
        return started;
    }

    @Override
    public void onStart()
    {
        try
        {
            lifecycle.start();
            started.complete(null);
        }
        catch (final RuntimeException | Error ex)
        {
            started.completeExceptionally(ex);
        }
    }

    @Override
    public int doWork()
    {
        if (!started.isDone() || started.isCompletedExceptionally())
        {
            return 0;
        }
        final long nowNs = clock.update();
        routeLatency.publishIfDue(nowNs); // not work: an idle engine may still park
        int work = router.poll(limits.ringBatch);
        work += expireDeadlines(nowNs);
        work += drainMailbox();
        work += streams.deliver(chunks, limits.chunkBatch);
        if (peers.hasBacklog())
        {
            work += peers.flushBacklogs();
        }
        if (work > 0)
        {
            commits.end();
        }
        return work;
    }

    /**
     * On the engine thread as the engine stops: every actor's {@code onStop}, then the last group of commits.
     */
    @Override
    public void onClose()
    {
        if (started.isDone() && !started.isCompletedExceptionally())
        {
            lifecycle.stop();
            commits.end();
        }
    }

    @Override
    public String roleName()
    {
        return "actr-engine";
    }

    /**
     * @return true while calls or deferred replies wait on the timer wheel (the engine must wake to expire them), or
     * frames wait behind a back-pressured lane (the engine must come back to send them).
     */
    public boolean timersPending()
    {
        return pending.size() > 0 || peers.hasBacklog();
    }

    /**
     * @return true when frames wait to be routed.
     */
    public boolean hasInput()
    {
        return router.hasInput();
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
            if (dispatched > 0)
            {
                router.poll(limits.ringBatch);
            }
            final boolean normalWaiting = mailbox.queued(MessagePriority.NORMAL) > 0;
            if (mailbox.queued(MessagePriority.HIGH) > 0 && (!normalWaiting || highInARow < limits.fairnessBound))
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
}
