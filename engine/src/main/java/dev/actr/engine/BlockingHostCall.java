package dev.actr.engine;

import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.pending.PendingCall;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * One host thread's reusable slot for blocking calls: the engine thread copies the response into it and
 * unparks the waiter; the waiter spins briefly, then parks. Nothing is allocated per call.
 */
final class BlockingHostCall implements PendingCall
{
    static final long NONE = -1;
    private static final long SPIN_NS = 20_000;

    final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    int payloadLength;
    boolean isError;
    int errorOffset;
    int errorLength;
    int errorCode;
    String failureMessage;
    private final Thread waiter = Thread.currentThread();
    private volatile long waitingFor = NONE;
    private volatile long completed = NONE;

    void expect(final long correlationId)
    {
        completed = NONE;
        waitingFor = correlationId;
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight response)
    {
        if (correlationId != waitingFor)
        {
            return;
        }
        isError = response.hasError();
        failureMessage = null;
        if (isError)
        {
            payload.putBytes(0, response.buffer(), response.errorOffset(), response.errorLength());
            payloadLength = response.errorLength();
        }
        else
        {
            payloadLength = response.payloadLength();
            payload.putBytes(0, response.buffer(), Math.max(0, response.payloadOffset()), payloadLength);
        }
        complete(correlationId);
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        if (correlationId != waitingFor)
        {
            return;
        }
        isError = true;
        payloadLength = -1;
        this.errorCode = errorCode;
        failureMessage = message;
        complete(correlationId);
    }

    private void complete(final long correlationId)
    {
        completed = correlationId;
        LockSupport.unpark(waiter);
    }

    /**
     * @param correlationId the call waited for.
     * @param nanoDeadline  System.nanoTime() after which to give up.
     * @return true when the call completed, false when the wait gave up.
     */
    boolean await(final long correlationId, final long nanoDeadline)
    {
        final long spinUntil = System.nanoTime() + SPIN_NS;
        while (completed != correlationId)
        {
            final long now = System.nanoTime();
            if (now - nanoDeadline >= 0)
            {
                waitingFor = NONE;
                return false;
            }
            if (now - spinUntil < 0)
            {
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(this, nanoDeadline - now);
            }
        }
        waitingFor = NONE;
        return true;
    }
}
