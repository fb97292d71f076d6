package dev.actr.engine.internal.scheduler;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.engine.internal.ingress.DiscoveryOutcomes;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.router.DiscoveryEvents;
import dev.actr.lanes.PeerDiscovery;

import java.util.List;
import java.util.Objects;

/**
 * Discoveries actors ask for: the node's {@link PeerDiscovery} is asked off the engine thread's way (it answers
 * asynchronously), the outcome comes back through the ring as an input of the engine thread, and the actor's
 * continuation runs there — in the recorded order, so a replay feeds the same ids back.
 *
 * <p>NOT thread safe: the engine thread only (the discovery's callback only publishes).
 */
final class Discoveries implements DiscoveryEvents
{
    private final PeerDiscovery discovery;
    private final DiscoveryOutcomes outcomes;
    private final PendingCalls pending;
    private final EngineSequence sequence;

    Discoveries(
        final PeerDiscovery discovery,
        final DiscoveryOutcomes outcomes,
        final PendingCalls pending,
        final EngineSequence sequence)
    {
        this.discovery = discovery;
        this.outcomes = outcomes;
        this.pending = pending;
        this.sequence = sequence;
    }

    DiscoveryReply discover(final ActorContextImpl caller, final ActrType type, final long deadlineNs)
    {
        Objects.requireNonNull(type, "type");
        final long correlationId = sequence.next();
        final DiscoveryReply reply = new DiscoveryReply(caller, correlationId, caller.deadlineNs());
        if (discovery == null || outcomes == null)
        {
            reply.failNow(ErrorCode.UNAVAILABLE.code(), "the node has no discovery");
        }
        else if (!pending.register(correlationId, deadlineNs, PendingCalls.NO_SOURCE, reply))
        {
            reply.failNow(ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
        }
        else
        {
            discovery.discover(type).whenComplete((ids, error) ->
                outcomes.publish(correlationId, error != null ? error : ids));
        }
        return reply;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onDiscovered(final long correlationId, final Object outcome)
    {
        final PendingCall call = pending.take(correlationId);
        if (!(call instanceof DiscoveryReply))
        {
            return; // timed out meanwhile
        }
        if (outcome instanceof List)
        {
            ((DiscoveryReply)call).complete(RouteCandidatesOk.newBuilder()
                .addAllCandidates((List<ActrId>)outcome).build());
        }
        else
        {
            call.onFailure(correlationId, ErrorCode.UNAVAILABLE.code(),
                "discovery failed: " + (outcome instanceof Throwable ? ((Throwable)outcome).getMessage() : outcome));
        }
    }

    /**
     * Replay: a recorded discovery outcome.
     *
     * @return false when no such discovery waits.
     */
    boolean replay(final long correlationId, final RouteCandidatesOk found)
    {
        final PendingCall call = pending.take(correlationId);
        if (!(call instanceof DiscoveryReply))
        {
            return false;
        }
        if (found != null)
        {
            ((DiscoveryReply)call).complete(found);
        }
        else
        {
            call.onFailure(correlationId, ErrorCode.UNAVAILABLE.code(), "discovery failed");
        }
        return true;
    }
}
