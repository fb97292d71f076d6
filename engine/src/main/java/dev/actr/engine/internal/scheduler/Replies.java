package dev.actr.engine.internal.scheduler;

import com.google.protobuf.MessageLite;
import dev.actr.codec.FrameKind;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;

/**
 * How a request is answered and finished: the reply is encoded, committed with the effects staged for it (the
 * dedup journal's document), only then sent to its caller — resolved from the caller key when it is sent, so a
 * reply to a peer goes on the peer's current connection — and the message is acked last. A reply whose commit
 * fails is not sent and its message stays unacked. Deferred replies wait under a deadline timer of their own.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class Replies
{
    private final EgressProxy egress;
    private final DedupWindow dedup;
    private final CommitGroup commits;
    private final PendingCalls pending;
    private final EngineSequence sequence;
    private final ActorDirectory directory;
    private final HandlerFailures failures;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;

    Replies(
        final EgressProxy egress,
        final DedupWindow dedup,
        final CommitGroup commits,
        final PendingCalls pending,
        final EngineSequence sequence,
        final ActorDirectory directory,
        final HandlerFailures failures,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.egress = egress;
        this.dedup = dedup;
        this.commits = commits;
        this.pending = pending;
        this.sequence = sequence;
        this.directory = directory;
        this.failures = failures;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    boolean sendResponse(final RequestScope scope, final MessageLite response)
    {
        final DirectBuffer routeKey = scope.route.routeKeyBytes();
        return commitAndSend(scope, egress.writer().encodeResponse(routeKey, 0, routeKey.capacity(), scope.requestId, 0,
            scope.requestIdLength, response));
    }

    boolean sendRaw(final RequestScope scope, final DirectBuffer body, final int offset, final int length)
    {
        final DirectBuffer routeKey = scope.route.routeKeyBytes();
        return commitAndSend(scope, egress.writer().encodeResponse(routeKey, 0, routeKey.capacity(), scope.requestId, 0,
            scope.requestIdLength, body, offset, length));
    }

    boolean sendError(final RequestScope scope, final int errorCode, final String message)
    {
        final DirectBuffer routeKey = scope.route.routeKeyBytes();
        return sendError(scope, errorCode, message, routeKey, 0, routeKey.capacity());
    }

    /**
     * Answer an error; for a tell there is no one to answer and nothing is sent.
     */
    boolean sendError(
        final RequestScope scope,
        final int errorCode,
        final String message,
        final DirectBuffer routeKey,
        final int routeKeyOffset,
        final int routeKeyLength)
    {
        if (!scope.isRequest)
        {
            return false;
        }
        return commitAndSend(scope, egress.writer().encodeError(routeKey, routeKeyOffset, routeKeyLength, scope.requestId, 0,
            scope.requestIdLength, errorCode, message));
    }

    /**
     * A tell's handler returned: commit its effects (no reply).
     */
    void commitTell(final RequestScope scope)
    {
        final DirectBuffer effects = scope.effects;
        final int effectsLength = scope.effectsLength;
        try
        {
            dedup.commit(scope, null, 0, clock.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            onCommitFailed(scope, ex);
            return;
        }
        recordEffects(scope, effects, effectsLength);
    }

    /**
     * The request or tell is done: ack its message (unless its commit failed: it then runs again after a restart).
     */
    void finish(final RequestScope scope, final boolean replied)
    {
        if (scope.commitFailed)
        {
            return;
        }
        if (scope.route != null && replied)
        {
            scope.route.latencyNs().recordValue(Math.max(0, clock.nanoTime() - scope.arrivalNs));
        }
        commits.ack(scope.messageId);
    }

    /**
     * Send again a reply kept for duplicates, to the caller of the duplicate.
     */
    void resend(final int responderIndex, final long callerKey, final int payloadType, final DirectBuffer frame,
        final int length)
    {
        final int target = directory.targetOf(callerKey);
        if (target >= 0)
        {
            egress.reply(responderIndex, target, payloadType, frame, length);
        }
    }

    <R extends MessageLite> DeferredReplyImpl<R> defer(final RequestScope scope)
    {
        final long timerCorrelationId = sequence.next();
        final DeferredReplyImpl<R> deferred = new DeferredReplyImpl<>(this, scope.copy(), timerCorrelationId);
        pending.register(timerCorrelationId, scope.deadlineNs, PendingCalls.NO_SOURCE, deferred);
        return deferred;
    }

    void cancelDeferred(final DeferredReplyImpl<?> deferred)
    {
        deferred.abandon();
        pending.cancel(deferred.timerCorrelationId());
    }

    void completeDeferred(
        final DeferredReplyImpl<?> deferred,
        final RequestScope scope,
        final MessageLite response,
        final int errorCode,
        final String message)
    {
        if (deferred != null)
        {
            pending.cancel(deferred.timerCorrelationId());
        }
        final boolean sent = response != null ? sendResponse(scope, response) : sendError(scope, errorCode, message);
        finish(scope, sent);
    }

    void recordDeferredTimeout(final RequestScope scope, final long timerCorrelationId)
    {
        recorder.onDispatch(clock.nanoTime(), DispatchInput.DEFERRED_TIMEOUT, scope.responderIndex, -1,
            timerCorrelationId, null, 0, 0);
    }

    void endRecord()
    {
        recorder.onDispatchEnd();
    }

    /**
     * Commit a reply (with the effects staged for it) and only then send it, so that no caller ever sees an
     * answer a crash can take back. A reply that could not be sent is kept: a duplicate of the request gets a
     * second chance to receive it.
     *
     * @return true when the reply was sent (or held for the group commit).
     */
    private boolean commitAndSend(final RequestScope scope, final int length)
    {
        final DirectBuffer effects = scope.effects;
        final int effectsLength = scope.effectsLength;
        try
        {
            dedup.commit(scope, egress.writer().frame(), length, clock.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            onCommitFailed(scope, ex);
            return false;
        }
        recordEffects(scope, effects, effectsLength);
        final int target = directory.targetOf(scope.callerKey);
        final int result = target < 0 ? Lane.NOT_CONNECTED :
            egress.reply(scope.responderIndex, target, scope.payloadType, egress.writer().frame(), length);
        if (result == Lane.OK)
        {
            counters.increment(SystemCounter.REPLIES_SENT);
            commits.onReplyHeld();
            return true;
        }
        counters.increment(SystemCounter.REPLIES_UNDELIVERED);
        return false;
    }

    /**
     * Effects are outputs of the actor too: the replay journal records them, so a replay compares them.
     */
    private void recordEffects(final RequestScope scope, final DirectBuffer effects, final int effectsLength)
    {
        if (effectsLength > 0)
        {
            recorder.onOutbound(clock.nanoTime(), FrameKind.EFFECTS, scope.responderIndex,
                directory.targetOf(scope.callerKey), 0, effects, 0, effectsLength);
        }
    }

    private void onCommitFailed(final RequestScope scope, final RuntimeException ex)
    {
        scope.commitFailed = true;
        counters.increment(SystemCounter.COMMITS_FAILED);
        failures.onError(ex);
    }
}
