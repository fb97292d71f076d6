package dev.actr.engine.internal.scheduler;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.engine.actor.Reply;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.journal.replay.DispatchInput;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The reply handle of a discovery an actor asked for: waits in the pending map under its deadline, completed with
 * the ids found when the outcome comes back through the ring (recorded, so a replay feeds the same ids).
 */
final class DiscoveryReply implements Reply<List<ActrId>>, PendingCall, Continuation
{
    private final ActorContextImpl owner;
    private final long correlationId;
    private final long inheritedDeadlineNs;
    private State state = State.PENDING;
    private ReplyHandler<List<ActrId>> handler;
    private List<ActrId> ids;
    private int errorCode;
    private String errorMessage;

    DiscoveryReply(final ActorContextImpl owner, final long correlationId, final long inheritedDeadlineNs)
    {
        this.owner = owner;
        this.correlationId = correlationId;
        this.inheritedDeadlineNs = inheritedDeadlineNs;
    }

    @Override
    public Reply<List<ActrId>> then(final ReplyHandler<List<ActrId>> handler)
    {
        if (this.handler != null)
        {
            throw new IllegalStateException("a continuation is already attached to discovery " + correlationId);
        }
        this.handler = handler;
        if (state != State.PENDING)
        {
            owner.runContinuation(this, inheritedDeadlineNs);
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

    /**
     * The discovery found {@code found} (recorded as a dispatch input of the actor).
     */
    void complete(final RouteCandidatesOk found)
    {
        final byte[] bytes = found.toByteArray();
        owner.recordInput(DispatchInput.DISCOVERED, correlationId, new UnsafeBuffer(bytes), 0, bytes.length);
        try
        {
            ids = found.getCandidatesList();
            state = State.COMPLETED;
            run();
        }
        finally
        {
            owner.endInput();
        }
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight response)
    {
        // No envelope answers a discovery.
    }

    /**
     * Fail at once, inside the handler that asked (nothing to record: the handler itself is the input).
     */
    void failNow(final int errorCode, final String message)
    {
        this.state = State.ERRORED;
        this.errorCode = errorCode;
        this.errorMessage = message;
        run();
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        owner.recordInput(errorCode == ErrorCode.TIMED_OUT.code() ? DispatchInput.TIMEOUT : DispatchInput.DISCOVERED,
            correlationId, null, 0, 0);
        try
        {
            this.state = errorCode == ErrorCode.TIMED_OUT.code() ? State.TIMED_OUT : State.ERRORED;
            this.errorCode = errorCode;
            this.errorMessage = message;
            run();
        }
        finally
        {
            owner.endInput();
        }
    }

    @Override
    public void invokeHandler()
    {
        if (state == State.COMPLETED)
        {
            handler.onReply(owner, ids);
        }
        else
        {
            handler.onError(owner, errorCode, errorMessage);
        }
    }

    private void run()
    {
        if (handler != null)
        {
            owner.runContinuation(this, inheritedDeadlineNs);
        }
    }
}
