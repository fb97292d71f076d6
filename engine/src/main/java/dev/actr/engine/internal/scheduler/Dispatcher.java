package dev.actr.engine.internal.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.actr.codec.Buffers;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.HandlerWatchdog;
import dev.actr.engine.internal.payload.PayloadDecoder;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.engine.internal.router.RouteEntry;
import dev.actr.engine.internal.router.RouteTable;
import dev.actr.journal.mailbox.MailboxHandler;
import dev.actr.journal.replay.DispatchInput;
import org.agrona.DirectBuffer;

import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ARRIVAL_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.CALLER_KEY_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.DEADLINE_NS_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.ROUTE_INDEX_OFFSET;
import static dev.actr.journal.mailbox.MailboxRecordDescriptor.TARGET_OFFSET;

/**
 * Runs one mailbox message: answers a redelivered message whose commit survived the crash, or a duplicate, from
 * what was committed; drops a request whose deadline passed (answering TimedOut) without running it; else runs
 * the route's handler, then has {@link Replies} commit, send and ack. A handler that throws (or returns no reply)
 * has its effects discarded and its caller answered {@code Internal}.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class Dispatcher implements MailboxHandler
{
    private final ActorDirectory directory;
    private final RouteTable routes;
    private final DedupWindow dedup;
    private final Replies replies;
    private final CommitGroup commits;
    private final HandlerFailures failures;
    private final HandlerWatchdog watchdog;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
    private final RequestScope scope = new RequestScope();
    private final PayloadDecoder payloads = new PayloadDecoder();

    Dispatcher(
        final ActorDirectory directory,
        final RouteTable routes,
        final DedupWindow dedup,
        final Replies replies,
        final CommitGroup commits,
        final HandlerFailures failures,
        final HandlerWatchdog watchdog,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.directory = directory;
        this.routes = routes;
        this.dedup = dedup;
        this.replies = replies;
        this.commits = commits;
        this.failures = failures;
        this.watchdog = watchdog;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public void onMessage(final long messageId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH ||
            envelope.wrap(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH) != CodecStatus.OK)
        {
            counters.increment(SystemCounter.FRAMES_MALFORMED);
            commits.ack(messageId);
            return;
        }
        final RouteEntry route = resolveRoute(buffer, offset);
        fillScope(messageId, buffer, offset, route);
        final DedupWindow.RecoveredCommit recovered = dedup.recovered(messageId, scope.dedupCaller, scope.dedupKey);
        if (recovered != null)
        {
            onRecovered(recovered, messageId);
        }
        else if (route == null)
        {
            counters.increment(SystemCounter.UNKNOWN_ROUTES);
            replies.finish(scope, replies.sendError(scope, ErrorCode.UNKNOWN_ROUTE.code(), "no handler for this route",
                envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength()));
        }
        else
        {
            dispatch(route, buffer, offset, length);
        }
    }

    private void dispatch(final RouteEntry route, final DirectBuffer buffer, final int offset, final int length)
    {
        final long nowNs = clock.update();
        // Duplicates come from peers (retries) and, on a durable node, from redelivery after a restart; an in-memory
        // node's own host and actors never send one, so their requests skip the window.
        scope.remembered = dedup.durable() || scope.callerKey < 0;
        final DedupWindow.Entry duplicate = scope.remembered ?
            dedup.find(scope.dedupCaller, scope.dedupKey, nowNs) : null;
        if (duplicate != null)
        {
            onDuplicate(duplicate);
            return;
        }
        if (scope.isRequest && nowNs >= scope.deadlineNs)
        {
            counters.increment(SystemCounter.REQUESTS_EXPIRED);
            replies.finish(scope, replies.sendError(scope, ErrorCode.TIMED_OUT.code(), "deadline passed while queued"));
            return;
        }
        if (scope.remembered)
        {
            dedup.take(scope.dedupCaller, scope.dedupKey, nowNs);
        }
        invoke(route, buffer, offset, length);
        if (!scope.isRequest)
        {
            replies.commitTell(scope);
        }
        if (!directory.context(route.actorIndex()).deferred())
        {
            replies.finish(scope, true);
        }
    }

    private RouteEntry resolveRoute(final DirectBuffer buffer, final int offset)
    {
        final RouteEntry byIndex = routes.get(buffer.getInt(offset + ROUTE_INDEX_OFFSET));
        final int target = buffer.getInt(offset + TARGET_OFFSET);
        if (byIndex != null && byIndex.actorIndex() == target &&
            byIndex.routeKeyBytes().capacity() == envelope.routeKeyLength() &&
            Buffers.equals(byIndex.routeKeyBytes(), 0, envelope.buffer(), envelope.routeKeyOffset(),
                envelope.routeKeyLength()))
        {
            return byIndex;
        }
        return routes.find(envelope.buffer(), envelope.routeKeyOffset(), envelope.routeKeyLength(), target);
    }

    private void fillScope(final long messageId, final DirectBuffer buffer, final int offset, final RouteEntry route)
    {
        final long correlationId = envelope.correlationId();
        scope.caller(buffer.getLong(offset + CALLER_KEY_OFFSET),
            correlationId != RpcEnvelopeFlyweight.NO_CORRELATION_ID ? correlationId : envelope.requestIdHash());
        scope.responderIndex = buffer.getInt(offset + TARGET_OFFSET);
        scope.payloadType = route == null ? 0 : route.payloadType();
        scope.route = route;
        scope.messageId = messageId;
        scope.arrivalNs = buffer.getLong(offset + ARRIVAL_NS_OFFSET);
        scope.deadlineNs = buffer.getLong(offset + DEADLINE_NS_OFFSET);
        scope.isRequest = envelope.direction() == Direction.REQUEST_VALUE;
        scope.requestIdLength = envelope.requestIdLength();
        scope.requestId.putBytes(0, envelope.buffer(), envelope.requestIdOffset(), envelope.requestIdLength());
        scope.discardEffects();
        scope.commitFailed = false;
        scope.remembered = false;
    }

    private void invoke(final RouteEntry route, final DirectBuffer buffer, final int offset, final int length)
    {
        final ActorContextImpl ctx = directory.context(route.actorIndex());
        recorder.onDispatch(clock.nanoTime(), DispatchInput.MESSAGE, route.actorIndex(), directory.targetOf(
            scope.callerKey), scope.requestKey, buffer, offset, length);
        ctx.beginRequest(scope);
        watchdog.begin(route.actorIndex(), route.index());
        try
        {
            runHandler(route, ctx);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            answer(ctx, ErrorCode.DECODE_FAILURE.code(), "request did not decode: " + ex.getMessage());
        }
        catch (final RuntimeException | Error ex)
        {
            failures.onHandlerError(ctx, ex);
            scope.discardEffects();
            if (!ctx.replied())
            {
                ctx.undefer();
                answer(ctx, ErrorCode.INTERNAL.code(), "handler failed: " + ex);
            }
        }
        finally
        {
            watchdog.end();
            ctx.endRequest();
            recorder.onDispatchEnd();
        }
    }

    private void runHandler(final RouteEntry route, final ActorContextImpl ctx) throws InvalidProtocolBufferException
    {
        final int payloadOffset = Math.max(0, envelope.payloadOffset());
        if (route.rawHandler() != null)
        {
            route.rawHandler().onRequest(ctx, envelope.buffer(), payloadOffset, envelope.payloadLength());
        }
        else
        {
            final Object request = payloads.decode(route.parser(), envelope.buffer(), payloadOffset,
                envelope.payloadLength());
            final MessageLite response = route.handler().onRequest(ctx, request);
            if (response != null && ctx.deferred())
            {
                throw new IllegalStateException("the handler deferred its reply and also returned one");
            }
            if (response != null && scope.isRequest && !ctx.replied())
            {
                ctx.markReplied();
                replies.sendResponse(scope, response);
            }
        }
        if (scope.isRequest && !ctx.replied() && !ctx.deferred())
        {
            scope.discardEffects();
            answer(ctx, ErrorCode.INTERNAL.code(), "handler returned no reply");
        }
    }

    private void answer(final ActorContextImpl ctx, final int errorCode, final String message)
    {
        if (scope.isRequest)
        {
            ctx.markReplied();
            replies.sendError(scope, errorCode, message);
        }
    }

    private void onDuplicate(final DedupWindow.Entry duplicate)
    {
        counters.increment(SystemCounter.DUPLICATES);
        if (scope.isRequest && duplicate.answered)
        {
            replies.resend(duplicate.responderIndex, scope.callerKey, duplicate.payloadType, duplicate.reply,
                duplicate.replyLength);
        }
        commits.ack(scope.messageId);
    }

    private void onRecovered(final DedupWindow.RecoveredCommit commit, final long messageId)
    {
        counters.increment(SystemCounter.DUPLICATES);
        if (commit.reply.capacity() > 0)
        {
            replies.resend(commit.responderIndex, scope.callerKey, commit.payloadType, commit.reply,
                commit.reply.capacity());
        }
        commits.ack(messageId);
    }
}
