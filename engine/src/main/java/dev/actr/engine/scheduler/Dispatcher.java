package dev.actr.engine.scheduler;

import dev.actr.codec.Buffers;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.SystemCounter;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.engine.router.RouteEntry;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.FrameKind;
import dev.actr.lanes.FrameSink;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ARRIVAL_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.CALLER_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ROUTE_INDEX_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.TARGET_OFFSET;

/**
 * Runs one mailbox message: drops it (answering TimedOut) when its deadline passed while queued, answers a
 * duplicate from the dedup window, else runs the route's handler and sends its reply, then acks. The reply and
 * the effects the handler recorded are committed together in the dedup journal before the ack; a handler that
 * throws (or returns no reply) has its effects discarded.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class Dispatcher implements MailboxHandler
{
    private final Scheduler scheduler;
    private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
    private final RequestScope scope = new RequestScope();

    Dispatcher(final Scheduler scheduler)
    {
        this.scheduler = scheduler;
    }

    @Override
    public void onMessage(final long messageId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int envelopeOffset = offset + HEADER_LENGTH;
        if (length < HEADER_LENGTH ||
            envelope.wrap(buffer, envelopeOffset, length - HEADER_LENGTH) != CodecStatus.OK)
        {
            scheduler.counters().increment(SystemCounter.FRAMES_MALFORMED);
            scheduler.commits().ack(messageId);
            return;
        }
        final RouteEntry route = resolveRoute(buffer, offset);
        fillScope(messageId, buffer, offset, route);
        final DedupWindow.RecoveredCommit recovered =
            scheduler.dedup().recovered(messageId, scope.callerIndex, scope.requestKey);
        if (recovered != null)
        {
            onRecovered(recovered, messageId);
            return;
        }
        if (route == null)
        {
            scheduler.counters().increment(SystemCounter.UNKNOWN_ROUTES);
            finish(scope, sendError(scope, ErrorCode.UNKNOWN_ROUTE.code(), "no handler for this route"));
            return;
        }
        final long nowNs = scheduler.clock().update();
        final DedupWindow.Entry duplicate = scheduler.dedup().find(scope.callerIndex, scope.requestKey, nowNs);
        if (duplicate != null)
        {
            onDuplicate(duplicate, messageId);
            return;
        }
        if (scope.isRequest && nowNs >= scope.deadlineNs)
        {
            scheduler.counters().increment(SystemCounter.REQUESTS_EXPIRED);
            finish(scope, sendError(scope, ErrorCode.TIMED_OUT.code(), "deadline passed while queued"));
            return;
        }
        scheduler.dedup().take(scope.callerIndex, scope.requestKey, nowNs);
        invoke(route, buffer, offset, length);
        if (!scope.isRequest)
        {
            commitTell(scope);
        }
        if (!scheduler.contextOf(route.actorIndex()).deferred())
        {
            finish(scope, true);
        }
    }

    private void commitTell(final RequestScope tellScope)
    {
        final DirectBuffer effects = tellScope.effects;
        final int effectsLength = tellScope.effectsLength;
        try
        {
            scheduler.dedup().commit(tellScope, null, 0, scheduler.clock().nanoTime());
        }
        catch (final RuntimeException ex)
        {
            onCommitFailed(tellScope, ex);
            return;
        }
        recordEffects(tellScope, effects, effectsLength);
    }

    /**
     * Effects are outputs of the actor too: the replay journal records them, so a replay compares them.
     */
    private void recordEffects(final RequestScope committed, final DirectBuffer effects, final int effectsLength)
    {
        if (effectsLength > 0)
        {
            scheduler.recorder().onOutbound(scheduler.clock().nanoTime(), FrameKind.EFFECTS,
                committed.responderIndex, committed.callerIndex, 0, effects, 0, effectsLength);
        }
    }

    private void onCommitFailed(final RequestScope failedScope, final RuntimeException ex)
    {
        failedScope.commitFailed = true;
        scheduler.counters().increment(SystemCounter.COMMITS_FAILED);
        scheduler.onError(ex);
    }

    private RouteEntry resolveRoute(final DirectBuffer buffer, final int offset)
    {
        final RouteEntry byIndex = scheduler.routes().get(buffer.getInt(offset + ROUTE_INDEX_OFFSET));
        final int target = buffer.getInt(offset + TARGET_OFFSET);
        if (byIndex != null && byIndex.actorIndex() == target &&
            byIndex.routeKeyBytes().capacity() == envelope.routeKeyLength() &&
            Buffers.equals(byIndex.routeKeyBytes(), 0, envelope.buffer(), envelope.routeKeyOffset(),
                envelope.routeKeyLength()))
        {
            return byIndex;
        }
        return scheduler.routes().find(envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(), target);
    }

    private void fillScope(final long messageId, final DirectBuffer buffer, final int offset, final RouteEntry route)
    {
        scope.callerIndex = buffer.getInt(offset + CALLER_OFFSET);
        scope.responderIndex = buffer.getInt(offset + TARGET_OFFSET);
        scope.payloadType = route == null ? 0 : route.payloadType();
        scope.route = route;
        scope.messageId = messageId;
        scope.arrivalNs = buffer.getLong(offset + ARRIVAL_NS_OFFSET);
        scope.isRequest = envelope.direction() == Direction.REQUEST_VALUE;
        scope.deadlineNs = scope.arrivalNs + TimeUnit.MILLISECONDS.toNanos(envelope.timeoutMs());
        final long correlationId = envelope.correlationId();
        scope.requestKey = correlationId != RpcEnvelopeFlyweight.NO_CORRELATION_ID ?
            correlationId : envelope.requestIdHash();
        scope.requestIdLength = envelope.requestIdLength();
        scope.requestId.putBytes(0, envelope.buffer(), envelope.requestIdOffset(), envelope.requestIdLength());
        scope.discardEffects();
        scope.commitFailed = false;
    }

    private void invoke(final RouteEntry route, final DirectBuffer buffer, final int offset, final int length)
    {
        final ActorContextImpl ctx = scheduler.contextOf(route.actorIndex());
        scheduler.recorder().onDispatch(scheduler.clock().nanoTime(), DispatchInput.MESSAGE, route.actorIndex(),
            scope.callerIndex, scope.requestKey, buffer, offset, length);
        ctx.beginRequest(scope);
        try
        {
            if (route.rawHandler() != null)
            {
                route.rawHandler().onRequest(ctx, buffer, Math.max(0, envelope.payloadOffset()),
                    envelope.payloadLength());
            }
            else
            {
                final Object request = Payloads.parse(route.parser(), envelope.buffer(),
                    Math.max(0, envelope.payloadOffset()), envelope.payloadLength());
                final MessageLite response = route.handler().onRequest(ctx, request);
                if (response != null && ctx.deferred())
                {
                    throw new IllegalStateException("the handler deferred its reply and also returned one");
                }
                if (response != null && scope.isRequest && !ctx.replied())
                {
                    ctx.markReplied(sendResponse(scope, response));
                }
            }
            if (scope.isRequest && !ctx.replied() && !ctx.deferred())
            {
                scope.discardEffects();
                ctx.markReplied(sendError(scope, ErrorCode.INTERNAL.code(), "handler returned no reply"));
            }
        }
        catch (final InvalidProtocolBufferException ex)
        {
            ctx.markReplied(scope.isRequest &&
                sendError(scope, ErrorCode.DECODE_FAILURE.code(), "request did not decode: " + ex.getMessage()));
        }
        catch (final RuntimeException | Error ex)
        {
            scheduler.onHandlerError(ctx, ex);
            scope.discardEffects();
            if (scope.isRequest && !ctx.replied())
            {
                ctx.undefer();
                ctx.markReplied(sendError(scope, ErrorCode.INTERNAL.code(), "handler failed: " + ex));
            }
        }
        finally
        {
            ctx.endRequest();
            scheduler.recorder().onDispatchEnd();
        }
    }

    private void onDuplicate(final DedupWindow.Entry duplicate, final long messageId)
    {
        scheduler.counters().increment(SystemCounter.DUPLICATES);
        if (scope.isRequest && duplicate.answered)
        {
            scheduler.proxy().resend(duplicate.responderIndex, scope.callerIndex, duplicate.payloadType,
                duplicate.reply, duplicate.replyLength);
        }
        scheduler.commits().ack(messageId);
    }

    private void onRecovered(final DedupWindow.RecoveredCommit commit, final long messageId)
    {
        scheduler.counters().increment(SystemCounter.DUPLICATES);
        if (commit.reply.capacity() > 0)
        {
            scheduler.proxy().resend(commit.responderIndex, commit.callerIndex, commit.payloadType, commit.reply,
                commit.reply.capacity());
        }
        scheduler.commits().ack(messageId);
    }

    void recordDeferredTimeout(final RequestScope deferredScope, final long timerCorrelationId)
    {
        scheduler.recorder().onDispatch(scheduler.clock().nanoTime(), DispatchInput.DEFERRED_TIMEOUT,
            deferredScope.responderIndex, deferredScope.callerIndex, timerCorrelationId, null, 0, 0);
    }

    void endRecord()
    {
        scheduler.recorder().onDispatchEnd();
    }

    void completeDeferred(
        final DeferredReplyImpl<?> deferred,
        final RequestScope deferredScope,
        final MessageLite response,
        final int errorCode,
        final String message)
    {
        if (deferred != null)
        {
            scheduler.pending().cancel(deferred.timerCorrelationId());
        }
        final boolean sent = response != null ?
            sendResponse(deferredScope, response) : sendError(deferredScope, errorCode, message);
        finish(deferredScope, sent);
    }

    boolean sendResponse(final RequestScope replyScope, final MessageLite response)
    {
        return commitAndSend(replyScope, scheduler.proxy().encodeResponse(replyScope.route.routeKeyBytes(),
            replyScope.requestId, 0, replyScope.requestIdLength, response));
    }

    boolean sendRaw(final RequestScope replyScope, final DirectBuffer body, final int offset, final int length)
    {
        return commitAndSend(replyScope, scheduler.proxy().encodeResponse(replyScope.route.routeKeyBytes(),
            replyScope.requestId, 0, replyScope.requestIdLength, body, offset, length));
    }

    boolean sendError(final RequestScope replyScope, final int errorCode, final String message)
    {
        if (!replyScope.isRequest)
        {
            return false;
        }
        final DirectBuffer routeKey = replyScope.route != null ?
            replyScope.route.routeKeyBytes() : envelope.buffer();
        final int routeKeyOffset = replyScope.route != null ? 0 : envelope.routeKeyOffset();
        final int routeKeyLength = replyScope.route != null ?
            replyScope.route.routeKeyBytes().capacity() : envelope.routeKeyLength();
        return commitAndSend(replyScope, scheduler.proxy().encodeError(routeKey, routeKeyOffset, routeKeyLength,
            replyScope.requestId, 0, replyScope.requestIdLength, errorCode, message));
    }

    /**
     * Commit a reply (with the effects staged for it) and only then send it, so that no caller ever sees an
     * answer a crash can take back. A reply whose commit fails is not sent and its message is not acked. A reply
     * that could not be sent is kept: a duplicate of the request gets a second chance to receive it.
     */
    private boolean commitAndSend(final RequestScope replyScope, final int length)
    {
        final DirectBuffer effects = replyScope.effects;
        final int effectsLength = replyScope.effectsLength;
        try
        {
            scheduler.dedup().commit(replyScope, scheduler.proxy().lastFrame(), length, scheduler.clock().nanoTime());
        }
        catch (final RuntimeException ex)
        {
            onCommitFailed(replyScope, ex);
            return false;
        }
        recordEffects(replyScope, effects, effectsLength);
        final int result = scheduler.proxy().sendEncoded(
            replyScope.responderIndex, replyScope.callerIndex, replyScope.payloadType);
        if (result == FrameSink.OK)
        {
            scheduler.counters().increment(SystemCounter.REPLIES_SENT);
            scheduler.commits().onReplyHeld();
            return true;
        }
        scheduler.counters().incrementConcurrently(SystemCounter.RING_BACK_PRESSURED);
        return false;
    }

    private void finish(final RequestScope replyScope, final boolean replied)
    {
        if (replyScope.commitFailed)
        {
            return; // not acked: the message stays in flight and runs again after a restart
        }
        if (replyScope.route != null && replied)
        {
            replyScope.route.latencyNs().recordValue(
                Math.max(0, scheduler.clock().nanoTime() - replyScope.arrivalNs));
        }
        scheduler.commits().ack(replyScope.messageId);
    }
}
