package dev.actr.engine.internal.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.engine.actor.Reply;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.internal.payload.PayloadDecoder;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.journal.replay.DispatchInput;

/**
 * The reply handle of a call made by an actor: waits in the pending map, then runs its continuation with the
 * calling actor's context, restoring the deadline the call was made under (so nested calls inherit it).
 */
final class CallReply<R> implements Reply<R>, PendingCall, Continuation
{
    private final ActorContextImpl owner;
    private final Parser<R> parser;
    private final PayloadDecoder payloads;
    private final long correlationId;
    private final long inheritedDeadlineNs;
    private State state = State.PENDING;
    private boolean registered;
    private ReplyHandler<R> handler;
    private R response;
    private int errorCode;
    private String errorMessage;

    CallReply(
        final ActorContextImpl owner,
        final Parser<R> parser,
        final PayloadDecoder payloads,
        final long correlationId,
        final long inheritedDeadlineNs)
    {
        this.owner = owner;
        this.parser = parser;
        this.payloads = payloads;
        this.correlationId = correlationId;
        this.inheritedDeadlineNs = inheritedDeadlineNs;
    }

    @Override
    public Reply<R> then(final ReplyHandler<R> handler)
    {
        if (this.handler != null)
        {
            throw new IllegalStateException("a continuation is already attached to call " + correlationId);
        }
        this.handler = handler;
        if (state != State.PENDING)
        {
            runContinuation();
        }
        return this;
    }

    @Override
    public State state()
    {
        return state;
    }

    @Override
    public long correlationId()
    {
        return correlationId;
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight envelope)
    {
        owner.recordInput(DispatchInput.RESPONSE, correlationId, envelope.buffer(), envelope.offset(),
            envelope.length());
        try
        {
            complete(envelope);
        }
        finally
        {
            owner.endInput();
        }
    }

    private void complete(final RpcEnvelopeFlyweight envelope)
    {
        try
        {
            if (envelope.hasError())
            {
                final ErrorResponse error = payloads.decode(
                    ErrorResponse.parser(), envelope.buffer(), envelope.errorOffset(), envelope.errorLength());
                fail(State.ERRORED, error.getCode(), error.getMessage());
                return;
            }
            response = payloads.decode(parser, envelope.buffer(), Math.max(0, envelope.payloadOffset()),
                envelope.payloadLength());
            state = State.COMPLETED;
        }
        catch (final InvalidProtocolBufferException ex)
        {
            fail(State.ERRORED, ErrorCode.DECODE_FAILURE.code(), "response did not decode: " + ex.getMessage());
            return;
        }
        runContinuation();
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        final State failed = errorCode == ErrorCode.TIMED_OUT.code() ? State.TIMED_OUT : State.ERRORED;
        if (!registered || failed != State.TIMED_OUT)
        {
            fail(failed, errorCode, message);
            return;
        }
        // A registered call timing out is an input from the clock: record it for replay.
        owner.recordInput(DispatchInput.TIMEOUT, correlationId, null, 0, 0);
        try
        {
            fail(failed, errorCode, message);
        }
        finally
        {
            owner.endInput();
        }
    }

    /**
     * @return true once registered in the pending map (only a registered call can time out by the clock).
     */
    boolean registered()
    {
        return registered;
    }

    void markRegistered()
    {
        registered = true;
    }

    private void fail(final State state, final int errorCode, final String message)
    {
        this.state = state;
        this.errorCode = errorCode;
        this.errorMessage = message;
        runContinuation();
    }

    private void runContinuation()
    {
        if (handler != null)
        {
            owner.runContinuation(this, inheritedDeadlineNs);
        }
    }

    @Override
    public void invokeHandler()
    {
        if (state == State.COMPLETED)
        {
            handler.onReply(owner, response);
        }
        else
        {
            handler.onError(owner, errorCode, errorMessage);
        }
    }
}
