package dev.actr.engine.internal.scheduler;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.egress.LaneResults;
import dev.actr.engine.internal.payload.PayloadDecoder;
import dev.actr.engine.internal.peer.PeerResolver;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.stream.StreamRegistry;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;

import java.util.Objects;

/**
 * What actors send, on the engine thread: calls (registered in the pending map under the target they wait for,
 * with the deadline they inherit), tells and chunks, to an actor of this node or a peer of another. A destination
 * that cannot be reached is answered at once ({@code ConnectionNotReady}) and counted.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class ActorCalls
{
    private final ActorDirectory directory;
    private final PeerResolver peers;
    private final PendingCalls pending;
    private final EgressProxy egress;
    private final StreamRegistry streams;
    private final EngineSequence sequence;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final Discoveries discoveries;
    private final PayloadDecoder payloads = new PayloadDecoder();

    ActorCalls(
        final ActorDirectory directory,
        final PeerResolver peers,
        final PendingCalls pending,
        final EgressProxy egress,
        final StreamRegistry streams,
        final EngineSequence sequence,
        final SystemCounters counters,
        final EngineClock clock,
        final Discoveries discoveries)
    {
        this.discoveries = discoveries;
        this.directory = directory;
        this.peers = peers;
        this.pending = pending;
        this.egress = egress;
        this.streams = streams;
        this.sequence = sequence;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @param caller          the calling actor's context.
     * @param dest            where to.
     * @param routeKey        route key bytes (the whole buffer).
     * @param payloadType     PayloadType number the call travels on.
     * @param request         request message.
     * @param parser          of the response.
     * @param timeoutMs       the call's own budget.
     * @param limitDeadlineNs the deadline the call may not outlive (the current request's, or the default).
     * @param <R>             response type.
     * @return the reply handle, already failed when the call could not be made.
     */
    <R> CallReply<R> call(
        final ActorContextImpl caller,
        final Dest dest,
        final DirectBuffer routeKey,
        final int payloadType,
        final MessageLite request,
        final Parser<R> parser,
        final long timeoutMs,
        final long limitDeadlineNs)
    {
        check(dest, request);
        Objects.requireNonNull(parser, "parser");
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
        final long nowNs = clock.nanoTime();
        final long deadlineNs = Math.min(Deadlines.afterMs(nowNs, timeoutMs), limitDeadlineNs);
        final long correlationId = sequence.next();
        final CallReply<R> reply = new CallReply<>(caller, parser, payloads, correlationId, caller.deadlineNs());
        final long budgetMs = Deadlines.remainingMs(nowNs, deadlineNs);
        final int target = resolve(dest);
        if (budgetMs <= 0)
        {
            reply.onFailure(correlationId, ErrorCode.TIMED_OUT.code(), "no time left for the call");
        }
        else if (target < 0)
        {
            reply.onFailure(correlationId, ErrorCode.CONNECTION_NOT_READY.code(), "no lane to " + dest);
        }
        else if (!register(correlationId, deadlineNs, target, reply))
        {
            reply.onFailure(correlationId, ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
        }
        else
        {
            final int sent = egress.request(caller.index(), target, payloadType, routeKey, correlationId, budgetMs,
                deadlineNs, request);
            if (sent != Lane.OK)
            {
                counters.increment(SystemCounter.SENDS_REFUSED);
                pending.fail(correlationId, LaneResults.errorCodeOf(sent), LaneResults.messageOf(sent));
            }
        }
        return reply;
    }

    DiscoveryReply discover(final ActorContextImpl caller, final ActrType type, final long limitDeadlineNs)
    {
        return discoveries.discover(caller, type, limitDeadlineNs);
    }

    boolean tell(
        final int callerIndex,
        final Dest dest,
        final DirectBuffer routeKey,
        final int payloadType,
        final MessageLite message)
    {
        check(dest, message);
        final int target = resolve(dest);
        if (target < 0)
        {
            return false;
        }
        final int sent = egress.request(callerIndex, target, payloadType, routeKey, sequence.next(), 0, 0, message);
        if (sent != Lane.OK)
        {
            counters.increment(SystemCounter.SENDS_REFUSED);
        }
        return sent == Lane.OK;
    }

    int sendChunk(final int senderIndex, final Dest dest, final DataChunk chunk, final PayloadType payloadType)
    {
        check(dest, chunk);
        Objects.requireNonNull(payloadType, "payloadType");
        final int target = resolve(dest);
        if (target < 0)
        {
            return ActorContext.SEND_UNREACHABLE;
        }
        if (PeerTable.isPeer(target))
        {
            final int sent = egress.chunk(senderIndex, target, payloadType.getNumber(), chunk);
            return sent == Lane.OK ? ActorContext.SEND_OK :
                sent == Lane.BACK_PRESSURED ? ActorContext.SEND_BACK_PRESSURED : ActorContext.SEND_UNREACHABLE;
        }
        final int reserved = streams.reserve(target, chunk.getStreamId());
        if (reserved != StreamRegistry.QUEUED)
        {
            return reserved == StreamRegistry.FULL ? ActorContext.SEND_BACK_PRESSURED : ActorContext.SEND_UNREACHABLE;
        }
        if (egress.chunk(senderIndex, target, payloadType.getNumber(), chunk) != Lane.OK)
        {
            streams.release(target, chunk.getStreamId());
            return ActorContext.SEND_BACK_PRESSURED;
        }
        return ActorContext.SEND_OK;
    }

    private boolean register(final long correlationId, final long deadlineNs, final int target,
        final CallReply<?> reply)
    {
        reply.markRegistered();
        return pending.register(correlationId, deadlineNs, target, reply);
    }

    /**
     * @return the local index, or the index of a connected (or connecting) peer; -1 (counted) when the destination
     * is out of reach.
     */
    private int resolve(final Dest dest)
    {
        return dest instanceof Dest.Peer ? peers.resolve(dest.id()) : directory.resolveLocal(dest);
    }

    private static void check(final Dest dest, final MessageLite message)
    {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(message, "message");
    }
}
