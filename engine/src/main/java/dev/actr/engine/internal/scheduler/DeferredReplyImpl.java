package dev.actr.engine.internal.scheduler;

import com.google.protobuf.MessageLite;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.internal.pending.PendingCall;
import org.agrona.DirectBuffer;

/**
 * A reply a handler promised to send later. Waits in the pending map under a correlation id of its own so
 * that the request's deadline answers the caller with TimedOut if the actor never replies; the mailbox message
 * is acked when the reply (or that error) is sent.
 */
final class DeferredReplyImpl<R extends MessageLite> implements DeferredReply<R>, PendingCall
{
    private final Replies replies;
    private final RequestScope scope;
    private final long timerCorrelationId;
    private boolean done;

    DeferredReplyImpl(final Replies replies, final RequestScope scope, final long timerCorrelationId)
    {
        this.replies = replies;
        this.scope = scope;
        this.timerCorrelationId = timerCorrelationId;
    }

    long timerCorrelationId()
    {
        return timerCorrelationId;
    }

    @Override
    public void effect(final DirectBuffer buffer, final int offset, final int length)
    {
        if (done)
        {
            throw new IllegalStateException("effect: the deferred reply was already sent");
        }
        scope.stageEffect(buffer, offset, length);
    }

    @Override
    public boolean reply(final R response)
    {
        if (done)
        {
            return false;
        }
        done = true;
        replies.completeDeferred(this, scope, response, 0, null);
        return true;
    }

    @Override
    public boolean fail(final int errorCode, final String message)
    {
        if (done)
        {
            return false;
        }
        done = true;
        replies.completeDeferred(this, scope, null, errorCode, message);
        return true;
    }

    void abandon()
    {
        done = true;
    }

    @Override
    public boolean isDone()
    {
        return done;
    }

    @Override
    public boolean isCall()
    {
        return false;
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight response)
    {
        // Nobody sends a response to a deferred reply's own correlation id; nothing to do.
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        if (!done)
        {
            done = true;
            // The request did not complete: like a handler that throws, it commits none of its effects.
            scope.discardEffects();
            replies.recordDeferredTimeout(scope, correlationId);
            replies.completeDeferred(
                null, scope, null, ErrorCode.TIMED_OUT.code(), "deadline passed before the deferred reply");
            replies.endRecord();
        }
    }
}
