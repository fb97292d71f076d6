package dev.actr.engine.internal.host;

import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.internal.SpinBudget;
import dev.actr.engine.internal.pending.PendingCall;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * One host thread's reusable slot for blocking calls: the engine thread copies the response into it and wakes the
 * waiter if it parked; the waiter spins briefly, yields, then parks until the response or its own deadline —
 * whichever comes first, so a caller gets its answer at its deadline even when the engine is stuck. The spin and
 * the yield adapt to how long this thread's calls take ({@link SpinBudget}): at most 20 µs and 30 µs while answers
 * come back within them, shrinking towards none while they come back later (calls over the network), so a waiting
 * caller does not take a core from the threads that answer it. Nothing is allocated per call. A slot whose wait gave up is dropped by its thread (the engine may still write into it).
 */
public final class BlockingHostCall implements PendingCall
{
    private static final long NONE = -1;
    private static final long SPIN_NS = 20_000;
    private static final long YIELD_NS = 30_000;

    final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    int payloadLength;
    boolean isError;
    int errorCode;
    String failureMessage;
    private final Thread waiter = Thread.currentThread();
    private final SpinBudget budget = new SpinBudget(SPIN_NS, YIELD_NS);
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
        final long spinNs = budget.spinNs();
        final long spinAndYieldNs = spinNs + budget.yieldNs();
        long now = startNs;
        while (completed != correlationId)
        {
            now = System.nanoTime();
            if (now - nanoDeadline >= 0)
            {
                waitingFor = NONE;
                return completed == correlationId;
            }
            if (now - startNs < spinNs)
            {
                Thread.onSpinWait();
            }
            else if (now - startNs < spinAndYieldNs)
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
                now = System.nanoTime();
            }
        }
        budget.onWaitEnded(now - startNs);
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
