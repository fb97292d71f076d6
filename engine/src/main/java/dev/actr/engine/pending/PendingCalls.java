package dev.actr.engine.pending;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.TimeUnit;

/**
 * Calls waiting for a response, by correlation id, each with a deadline on a timer wheel. Bounded: at most
 * {@code capacity} calls wait at once.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class PendingCalls
{
    /** Timer wheel tick: 2^20 ns, about 1 ms. */
    static final long TICK_NS = 1L << 20;
    static final int TICKS_PER_WHEEL = 1024;
    private static final long NO_TIMER = DeadlineTimerWheel.NULL_DEADLINE;

    private final Long2ObjectHashMap<PendingCall> calls = new Long2ObjectHashMap<>();
    private final Long2LongHashMap timerByCorrelation = new Long2LongHashMap(NO_TIMER);
    private final Long2LongHashMap correlationByTimer = new Long2LongHashMap(NO_TIMER);
    private final DeadlineTimerWheel wheel;
    private final DeadlineTimerWheel.TimerHandler onExpiry = this::onExpiry;
    private final int capacity;
    private long timedOut;

    /**
     * @param capacity most calls waiting at once.
     * @param nowNs    the engine clock's current time, where the wheel starts.
     */
    public PendingCalls(final int capacity, final long nowNs)
    {
        this.capacity = capacity;
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nowNs, TICK_NS, TICKS_PER_WHEEL);
    }

    /**
     * @param correlationId of the call.
     * @param deadlineNs    engine-clock time at which it times out.
     * @param call          to complete.
     * @return false when the map is full (the call was not registered).
     */
    public boolean register(final long correlationId, final long deadlineNs, final PendingCall call)
    {
        if (calls.size() >= capacity)
        {
            return false;
        }
        final long timerId = wheel.scheduleTimer(deadlineNs);
        calls.put(correlationId, call);
        timerByCorrelation.put(correlationId, timerId);
        correlationByTimer.put(timerId, correlationId);
        return true;
    }

    /**
     * Complete the call the response answers.
     *
     * @param response a RESPONSE envelope.
     * @return false when no call waits for it (late, duplicate or unknown): the caller counts and drops it.
     */
    public boolean onResponse(final RpcEnvelopeFlyweight response)
    {
        final long correlationId = response.correlationId();
        final PendingCall call = remove(correlationId);
        if (call == null)
        {
            return false;
        }
        call.onResponse(correlationId, response);
        return true;
    }

    /**
     * Fail a waiting call now (its request could not be sent).
     *
     * @param correlationId of the call.
     * @param errorCode     the runtime error code.
     * @param message       what happened.
     * @return false when no such call waits.
     */
    public boolean fail(final long correlationId, final int errorCode, final String message)
    {
        final PendingCall call = remove(correlationId);
        if (call == null)
        {
            return false;
        }
        call.onFailure(correlationId, errorCode, message);
        return true;
    }

    /**
     * Forget a waiting call without completing it.
     *
     * @param correlationId of the call.
     * @return false when no such call waits.
     */
    public boolean cancel(final long correlationId)
    {
        return remove(correlationId) != null;
    }

    /**
     * Time out every call whose deadline is at or before {@code nowNs}.
     *
     * @param nowNs engine-clock time.
     * @return how many calls timed out.
     */
    public int expire(final long nowNs)
    {
        if (wheel.timerCount() == 0)
        {
            wheel.resetStartTime(nowNs);
            return 0;
        }
        int expired = 0;
        do
        {
            expired += wheel.poll(nowNs, onExpiry, Integer.MAX_VALUE);
        }
        while (wheel.timerCount() > 0 && nowNs >= wheel.currentTickTime());
        return expired;
    }

    /**
     * @return calls waiting now.
     */
    public int size()
    {
        return calls.size();
    }

    /**
     * @return calls (not deadline timers) that timed out since creation.
     */
    public long timedOut()
    {
        return timedOut;
    }

    private PendingCall remove(final long correlationId)
    {
        final PendingCall call = calls.remove(correlationId);
        if (call != null)
        {
            final long timerId = timerByCorrelation.remove(correlationId);
            correlationByTimer.remove(timerId);
            wheel.cancelTimer(timerId);
        }
        return call;
    }

    private boolean onExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final long correlationId = correlationByTimer.remove(timerId);
        if (correlationId != NO_TIMER)
        {
            timerByCorrelation.remove(correlationId);
            final PendingCall call = calls.remove(correlationId);
            if (call != null)
            {
                timedOut += call.isCall() ? 1 : 0;
                call.onFailure(correlationId, ErrorCode.TIMED_OUT.code(), "deadline passed with no response");
            }
        }
        return true;
    }
}
