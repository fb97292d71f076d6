package dev.actr.engine.internal.host;

import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.internal.pending.PendingCall;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * One host thread's reusable slot for blocking calls: the engine thread copies the response into it and wakes the
 * waiter if it parked; the waiter spins briefly, yields, then parks until the response or its own deadline —
 * whichever comes first, so a caller gets its answer at its deadline even when the engine is stuck. Nothing is
 * allocated per call. A slot whose wait gave up is dropped by its thread (the engine may still write into it).
 */
public final class BlockingHostCall implements PendingCall
{
    private static final long NONE = -1;
    private static final long SPIN_NS = 20_000;
    private static final long YIELD_NS = 50_000;

    final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    int payloadLength;
    boolean isError;
    int errorCode;
    String failureMessage;
    private final Thread waiter = Thread.currentThread();
    private volatile long waitingFor = NONE;
    private volatile long completed = NONE;
    private volatile boolean parked;

    /**
     * @param correlationId the call about to be published.
     */
    public void expect(final long correlationId)
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
            payloadLength = response.errorLength();
            payload.putBytes(0, response.buffer(), response.errorOffset(), payloadLength);
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
        if (parked)
        {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * @param correlationId the call waited for.
     * @param nanoDeadline  System.nanoTime() at which to give up.
     * @return true when the call completed, false when the wait gave up.
     */
    public boolean await(final long correlationId, final long nanoDeadline)
    {
        final long startNs = System.nanoTime();
        while (completed != correlationId)
        {
            final long now = System.nanoTime();
            if (now - nanoDeadline >= 0)
            {
                waitingFor = NONE;
                return completed == correlationId;
            }
            if (now - startNs < SPIN_NS)
            {
                Thread.onSpinWait();
            }
            else if (now - startNs < YIELD_NS)
            {
                Thread.yield();
            }
            else
            {
                parked = true;
                if (completed != correlationId)
                {
                    LockSupport.parkNanos(this, nanoDeadline - now);
                }
                parked = false;
            }
        }
        waitingFor = NONE;
        return true;
    }

    /**
     * @return bytes of the response payload (or of its ErrorResponse); -1 for a failure of the engine's own.
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * @return the response payload bytes.
     */
    public ExpandableArrayBuffer payload()
    {
        return payload;
    }

    /**
     * @return true when the call failed.
     */
    public boolean isError()
    {
        return isError;
    }

    /**
     * @return the error code of a failure of the engine's own.
     */
    public int errorCode()
    {
        return errorCode;
    }

    /**
     * @return the message of a failure of the engine's own.
     */
    public String failureMessage()
    {
        return failureMessage;
    }
}
