package dev.actr.engine.internal.scheduler;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Reply;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.actor.StreamHandler;
import dev.actr.engine.internal.Deadlines;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.HandlerWatchdog;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.stream.StreamRegistry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.util.List;
import java.util.Objects;

/**
 * The context of one actor: request-scoped state set by the dispatcher around each handler and by the replies
 * around each continuation; sending goes through {@link ActorCalls}, answering through {@link Replies}.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class ActorContextImpl implements ActorContext
{
    private static final int STRING_ROUTE_TYPE = PayloadType.RPC_RELIABLE_VALUE;

    private final int index;
    private final ActrId self;
    private final Actor actor;
    private final ActorDirectory directory;
    private final ActorCalls calls;
    private final Replies replies;
    private final StreamRegistry streams;
    private final HandlerFailures failures;
    private final HandlerWatchdog watchdog;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final boolean acceptsEffects;
    private final long defaultCallTimeoutNs;
    private RequestScope scope;
    private boolean replied;
    private DeferredReplyImpl<?> deferredReply;
    private long deadlineNs = Long.MIN_VALUE;

    ActorContextImpl(
        final int index,
        final Actor actor,
        final ActorDirectory directory,
        final ActorCalls calls,
        final Replies replies,
        final StreamRegistry streams,
        final HandlerFailures failures,
        final HandlerWatchdog watchdog,
        final EngineClock clock,
        final JournalRecorder recorder,
        final boolean acceptsEffects,
        final long defaultCallTimeoutNs)
    {
        this.index = index;
        this.self = directory.id(index);
        this.actor = actor;
        this.directory = directory;
        this.calls = calls;
        this.replies = replies;
        this.streams = streams;
        this.failures = failures;
        this.watchdog = watchdog;
        this.clock = clock;
        this.recorder = recorder;
        this.acceptsEffects = acceptsEffects;
        this.defaultCallTimeoutNs = defaultCallTimeoutNs;
    }

    int index()
    {
        return index;
    }

    Actor actor()
    {
        return actor;
    }

    long deadlineNs()
    {
        return deadlineNs;
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

    void markReplied()
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
            replies.cancelDeferred(deferredReply);
            deferredReply = null;
        }
    }

    void recordInput(final int inputType, final long correlationId, final DirectBuffer buffer, final int offset,
        final int length)
    {
        recorder.onDispatch(clock.nanoTime(), inputType, index, -1, correlationId, buffer, offset, length);
    }

    void endInput()
    {
        recorder.onDispatchEnd();
    }

    void runContinuation(final Continuation reply, final long inheritedDeadlineNs)
    {
        final RequestScope savedScope = scope;
        final long savedDeadlineNs = deadlineNs;
        scope = null;
        deadlineNs = inheritedDeadlineNs;
        watchdog.begin(index, -1);
        try
        {
            reply.invokeHandler();
        }
        catch (final RuntimeException | Error ex)
        {
            failures.onHandlerError(this, ex);
        }
        finally
        {
            watchdog.end();
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
        return scope == null ? null : directory.callerId(scope.callerKey);
    }

    @Override
    public boolean callerIsHost()
    {
        return scope != null && scope.callerKey == ActorDirectory.HOST_INDEX;
    }

    @Override
    public String requestId()
    {
        return scope == null ? null : scope.requestId.getStringWithoutLengthUtf8(0, scope.requestIdLength);
    }

    @Override
    public long remainingNs()
    {
        return limitDeadlineNs() - clock.nanoTime();
    }

    @Override
    public EpochNanoClock clock()
    {
        return clock;
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
        return calls.call(this, dest, directory.routeKeyBytes(checked(routeKey)), STRING_ROUTE_TYPE, request, parser,
            timeoutMs, limitDeadlineNs());
    }

    @Override
    public <R> Reply<R> call(final Dest dest, final RouteKey routeKey, final MessageLite request,
        final Parser<R> parser)
    {
        return call(dest, routeKey, request, parser, Long.MAX_VALUE);
    }

    @Override
    public <R> Reply<R> call(
        final Dest dest,
        final RouteKey routeKey,
        final MessageLite request,
        final Parser<R> parser,
        final long timeoutMs)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        return calls.call(this, dest, routeKey.bytes(), routeKey.payloadType().getNumber(), request, parser,
            timeoutMs, limitDeadlineNs());
    }

    @Override
    public Reply<List<ActrId>> discover(final ActrType type)
    {
        return calls.discover(this, type, limitDeadlineNs());
    }

    @Override
    public boolean tell(final Dest dest, final String routeKey, final MessageLite message)
    {
        return calls.tell(index, dest, directory.routeKeyBytes(checked(routeKey)), STRING_ROUTE_TYPE, message);
    }

    @Override
    public boolean tell(final Dest dest, final RouteKey routeKey, final MessageLite message)
    {
        Objects.requireNonNull(routeKey, "routeKey");
        return calls.tell(index, dest, routeKey.bytes(), routeKey.payloadType().getNumber(), message);
    }

    @Override
    public int sendChunk(final Dest dest, final DataChunk chunk, final PayloadType payloadType)
    {
        return calls.sendChunk(index, dest, chunk, payloadType);
    }

    @Override
    public void registerStream(final String streamId, final PayloadType payloadType, final StreamHandler handler)
    {
        streams.register(index, Objects.requireNonNull(streamId, "streamId"),
            Objects.requireNonNull(payloadType, "payloadType"), Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public void unregisterStream(final String streamId)
    {
        streams.unregister(index, streamId);
    }

    @Override
    public <R extends MessageLite> DeferredReply<R> defer()
    {
        requireUnansweredRequest("defer");
        final DeferredReplyImpl<R> deferred = replies.defer(scope);
        deferredReply = deferred;
        return deferred;
    }

    @Override
    public void fail(final int errorCode, final String message)
    {
        requireUnansweredRequest("fail");
        replied = true;
        replies.sendError(scope, errorCode, Objects.requireNonNull(message, "message"));
    }

    @Override
    public void replyRaw(final DirectBuffer buffer, final int offset, final int length)
    {
        requireUnansweredRequest("replyRaw");
        replied = true;
        replies.sendRaw(scope, buffer, offset, length);
    }

    @Override
    public void effect(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scope == null)
        {
            throw new IllegalStateException("effect is only possible while handling a request or tell");
        }
        if (!acceptsEffects)
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

    private static String checked(final String routeKey)
    {
        if (routeKey == null || routeKey.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        return routeKey;
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

    private long limitDeadlineNs()
    {
        return deadlineNs != Long.MIN_VALUE ? deadlineNs : Deadlines.afterNs(clock.nanoTime(), defaultCallTimeoutNs);
    }
}
