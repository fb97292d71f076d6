package dev.actr.engine.scheduler;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Reply;
import dev.actr.engine.actor.StreamHandler;
import dev.actr.engine.stream.StreamRegistry;
import dev.actr.lanes.FrameSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The context of one actor. Request-scoped state is set by the dispatcher around each handler and by the
 * replies around each continuation.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class ActorContextImpl implements ActorContext
{
    private final Scheduler scheduler;
    private final int actorIndex;
    private final ActrId self;
    private final Actor actor;
    private RequestScope scope;
    private boolean replied;
    private DeferredReplyImpl<?> deferredReply;
    private long deadlineNs = Long.MIN_VALUE;

    ActorContextImpl(final Scheduler scheduler, final int actorIndex, final ActrId self, final Actor actor)
    {
        this.scheduler = scheduler;
        this.actorIndex = actorIndex;
        this.self = self;
        this.actor = actor;
    }

    Actor actor()
    {
        return actor;
    }

    void beginRequest(final RequestScope requestScope)
    {
        scope = requestScope;
        replied = false;
        deferredReply = null;
        deadlineNs = requestScope.isRequest ? requestScope.deadlineNs : Long.MIN_VALUE;
    }

    void endRequest()
    {
        scope = null;
        deadlineNs = Long.MIN_VALUE;
    }

    boolean replied()
    {
        return replied || (deferredReply != null && deferredReply.isDone());
    }

    void markReplied(final boolean ignored)
    {
        replied = true;
    }

    boolean deferred()
    {
        return deferredReply != null;
    }

    void undefer()
    {
        if (deferredReply != null)
        {
            deferredReply.abandon();
            scheduler.pending().cancel(deferredReply.timerCorrelationId());
            deferredReply = null;
        }
    }

    void recordInput(final int inputType, final long correlationId, final DirectBuffer buffer, final int offset,
        final int length)
    {
        scheduler.recorder().onDispatch(scheduler.clock().nanoTime(), inputType, actorIndex, -1, correlationId,
            buffer, offset, length);
    }

    void endInput()
    {
        scheduler.recorder().onDispatchEnd();
    }

    void runContinuation(final CallReply<?> reply, final long inheritedDeadlineNs)
    {
        final RequestScope savedScope = scope;
        final long savedDeadlineNs = deadlineNs;
        scope = null;
        deadlineNs = inheritedDeadlineNs;
        try
        {
            reply.invokeHandler();
        }
        catch (final RuntimeException | Error ex)
        {
            scheduler.onHandlerError(this, ex);
        }
        finally
        {
            scope = savedScope;
            deadlineNs = savedDeadlineNs;
        }
    }

    @Override
    public ActrId self()
    {
        return self;
    }

    @Override
    public ActrId caller()
    {
        return scope == null ? null : scheduler.actorId(scope.callerIndex);
    }

    @Override
    public boolean callerIsHost()
    {
        return scope != null && scope.callerIndex == Scheduler.HOST_INDEX;
    }

    @Override
    public String requestId()
    {
        return scope == null ? null : scope.requestId.getStringWithoutLengthUtf8(0, scope.requestIdLength);
    }

    @Override
    public long remainingNs()
    {
        return effectiveDeadlineNs() - scheduler.clock().nanoTime();
    }

    @Override
    public EpochNanoClock clock()
    {
        return scheduler.clock();
    }

    @Override
    public <R> Reply<R> call(final Dest dest, final String routeKey, final MessageLite request, final Parser<R> parser)
    {
        return call(dest, routeKey, request, parser, Long.MAX_VALUE);
    }

    @Override
    public <R> Reply<R> call(
        final Dest dest,
        final String routeKey,
        final MessageLite request,
        final Parser<R> parser,
        final long timeoutMs)
    {
        final long nowNs = scheduler.clock().nanoTime();
        final long requestedNs = timeoutMs >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE :
            nowNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final long callDeadlineNs = Math.min(requestedNs, effectiveDeadlineNs());
        final long correlationId = scheduler.nextCorrelationId();
        final CallReply<R> reply = new CallReply<>(this, parser, correlationId, deadlineNs);
        final long budgetMs = TimeUnit.NANOSECONDS.toMillis(callDeadlineNs - nowNs);
        final int target = scheduler.resolve(dest);
        if (budgetMs <= 0)
        {
            reply.onFailure(correlationId, ErrorCode.TIMED_OUT.code(), "no time left for the call");
        }
        else if (target < 0)
        {
            reply.onFailure(correlationId, ErrorCode.CONNECTION_NOT_READY.code(), "no lane to " + dest);
        }
        else if (!register(correlationId, callDeadlineNs, reply))
        {
            reply.onFailure(correlationId, ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
        }

        else if (scheduler.proxy().request(actorIndex, target, PayloadType.RPC_RELIABLE_VALUE,
            scheduler.routeKeyBytes(routeKey), correlationId, budgetMs, request) != FrameSink.OK)
        {
            scheduler.counters().incrementConcurrently(dev.actr.engine.SystemCounter.RING_BACK_PRESSURED);
            scheduler.pending().fail(correlationId, ErrorCode.UNAVAILABLE.code(), "ingress ring full");
        }
        return reply;
    }

    private boolean register(final long correlationId, final long deadlineNs, final CallReply<?> reply)
    {
        reply.markRegistered();
        return scheduler.pending().register(correlationId, deadlineNs, reply);
    }

    @Override
    public boolean tell(final Dest dest, final String routeKey, final MessageLite message)
    {
        final int target = scheduler.resolve(dest);
        return target >= 0 && scheduler.proxy().request(actorIndex, target, PayloadType.RPC_RELIABLE_VALUE,
            scheduler.routeKeyBytes(routeKey), scheduler.nextCorrelationId(), 0, message) == FrameSink.OK;
    }

    @Override
    public int sendChunk(final Dest dest, final DataChunk chunk, final PayloadType payloadType)
    {
        final int target = scheduler.resolve(dest);
        if (target < 0)
        {
            return SEND_UNREACHABLE;
        }
        final StreamRegistry streams = scheduler.streams();
        final int reserved = streams.reserve(target, chunk.getStreamId());
        if (reserved != StreamRegistry.QUEUED)
        {
            return reserved == StreamRegistry.FULL ? SEND_BACK_PRESSURED : SEND_UNREACHABLE;
        }
        if (scheduler.proxy().chunk(actorIndex, target, payloadType.getNumber(), chunk) != FrameSink.OK)
        {
            streams.release(target, chunk.getStreamId());
            return SEND_BACK_PRESSURED;
        }
        return SEND_OK;
    }

    @Override
    public void registerStream(final String streamId, final PayloadType payloadType, final StreamHandler handler)
    {
        scheduler.streams().register(actorIndex, streamId, payloadType, handler);
    }

    @Override
    public void unregisterStream(final String streamId)
    {
        scheduler.streams().unregister(actorIndex, streamId);
    }

    @Override
    public <R extends MessageLite> DeferredReply<R> defer()
    {
        requireUnansweredRequest("defer");
        if (deferredReply != null)
        {
            throw new IllegalStateException("the request is already deferred");
        }
        final long timerCorrelationId = scheduler.nextCorrelationId();
        final DeferredReplyImpl<R> deferred =
            new DeferredReplyImpl<>(scheduler.dispatcher(), scope.copy(), timerCorrelationId);
        scheduler.pending().register(timerCorrelationId, scope.deadlineNs, deferred);
        deferredReply = deferred;
        return deferred;
    }

    @Override
    public void fail(final int errorCode, final String message)
    {
        requireUnansweredRequest("fail");
        replied = true;
        scheduler.dispatcher().sendError(scope, errorCode, message);
    }

    @Override
    public void replyRaw(final DirectBuffer buffer, final int offset, final int length)
    {
        requireUnansweredRequest("replyRaw");
        replied = true;
        scheduler.dispatcher().sendRaw(scope, buffer, offset, length);
    }

    @Override
    public void effect(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scope == null)
        {
            throw new IllegalStateException("effect is only possible while handling a request or tell");
        }
        if (!scheduler.acceptsEffects())
        {
            throw new IllegalStateException("effects need a durable node: set NodeContext.directory");
        }
        if (deferredReply != null)
        {
            deferredReply.effect(buffer, offset, length);
            return;
        }
        if (replied)
        {
            throw new IllegalStateException("effect: the request was already answered; record effects first");
        }
        scope.stageEffect(buffer, offset, length);
    }

    private void requireUnansweredRequest(final String what)
    {
        if (scope == null || !scope.isRequest)
        {
            throw new IllegalStateException(what + " is only possible while handling a request");
        }
        if (replied || deferredReply != null)
        {
            throw new IllegalStateException(what + ": the request was already answered or deferred");
        }
    }

    private long effectiveDeadlineNs()
    {
        return deadlineNs != Long.MIN_VALUE ? deadlineNs :
            scheduler.clock().nanoTime() + scheduler.defaultCallTimeoutNs();
    }
}
