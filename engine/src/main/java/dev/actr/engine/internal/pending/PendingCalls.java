package dev.actr.engine.internal.pending;

import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;

import java.util.concurrent.TimeUnit;

/**
 * Calls waiting for a response, keyed by (source, correlation id): each call records who must answer it — a
 * local actor's index or a peer's — and a response from anyone else does not complete it. Each call has a
 * deadline on a timer wheel. Bounded: at most {@code capacity} calls wait at once; their state lives in
 * pre-allocated slot arrays, so registering and completing allocate nothing.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class PendingCalls
{
    /** {@link #onResponse} result: a call completed. */
    public static final int MATCHED = 0;
    /** {@link #onResponse} result: no call waits for that id (late, duplicate or unknown). */
    public static final int UNMATCHED = 1;
    /** {@link #onResponse} result: a call waits for that id, but from another source; it keeps waiting. */
    public static final int WRONG_SOURCE = 2;
    /** Expected source of an entry no response may complete (a deferred reply's deadline timer). */
    public static final int NO_SOURCE = Integer.MIN_VALUE;

    /** Timer wheel tick: 2^20 ns, about 1 ms. */
    static final long TICK_NS = 1L << 20;
    static final int TICKS_PER_WHEEL = 1024;
    private static final long NONE = -1;

    private final PendingCall[] calls;
    private final long[] correlationIds;
    private final int[] sources;
    private final long[] timerIds;
    private final int[] freeSlots;
    private int freeCount;
    private final Long2LongHashMap slotByCorrelation = new Long2LongHashMap(NONE);
    private final Long2LongHashMap slotByTimer = new Long2LongHashMap(NONE);
    private final DeadlineTimerWheel wheel;
    private final DeadlineTimerWheel.TimerHandler onExpiry = this::onExpiry;
    private long timedOut;

    /**
     * @param capacity most calls waiting at once.
     * @param nowNs    the engine clock's current time, where the wheel starts.
     */
    public PendingCalls(final int capacity, final long nowNs)
    {
        calls = new PendingCall[capacity];
        correlationIds = new long[capacity];
        sources = new int[capacity];
        timerIds = new long[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, nowNs, TICK_NS, TICKS_PER_WHEEL);
    }

    /**
     * @param correlationId  of the call.
     * @param deadlineNs     engine-clock time at which it times out.
     * @param expectedSource index of who must answer it (a local actor or a peer), or {@link #NO_SOURCE}.
     * @param call           to complete.
     * @return false when the map is full, or the id is already waiting (the call was not registered).
     */
    public boolean register(
        final long correlationId, final long deadlineNs, final int expectedSource, final PendingCall call)
    {
        if (freeCount == 0 || slotByCorrelation.containsKey(correlationId))
        {
            return false;
        }
        final int slot = freeSlots[--freeCount];
        final long timerId = wheel.scheduleTimer(deadlineNs);
        calls[slot] = call;
        correlationIds[slot] = correlationId;
        sources[slot] = expectedSource;
        timerIds[slot] = timerId;
        slotByCorrelation.put(correlationId, slot);
        slotByTimer.put(timerId, slot);
        return true;
    }

    /**
     * Complete the call a response answers, when it came from the call's expected source.
     *
     * @param response a RESPONSE envelope.
     * @param source   index of who sent it.
     * @return {@link #MATCHED}, {@link #UNMATCHED} or {@link #WRONG_SOURCE}.
     */
    public int onResponse(final RpcEnvelopeFlyweight response, final int source)
    {
        final long correlationId = response.correlationId();
        final int slot = (int)slotByCorrelation.get(correlationId);
        if (slot < 0)
        {
            return UNMATCHED;
        }
        if (sources[slot] != source)
        {
            return WRONG_SOURCE;
        }
        final PendingCall call = remove(slot);
        call.onResponse(correlationId, response);
        return MATCHED;
    }

    /**
     * Replay: complete the call a recorded response answers, whoever sent it (a replay has no sources).
     *
     * @param response a RESPONSE envelope.
     * @return false when no call waits for it.
     */
    public boolean completeAnySource(final RpcEnvelopeFlyweight response)
    {
        final long correlationId = response.correlationId();
        final int slot = (int)slotByCorrelation.get(correlationId);
        if (slot < 0)
        {
            return false;
        }
        remove(slot).onResponse(correlationId, response);
        return true;
    }

    /**
     * Fail a waiting call now.
     *
     * @param correlationId of the call.
     * @param errorCode     the runtime error code.
     * @param message       what happened.
     * @return false when no such call waits.
     */
    public boolean fail(final long correlationId, final int errorCode, final String message)
    {
        final int slot = (int)slotByCorrelation.get(correlationId);
        if (slot < 0)
        {
            return false;
        }
        remove(slot).onFailure(correlationId, errorCode, message);
        return true;
    }

    /**
     * Fail every call waiting for one source (a peer that went away). Cold path: scans the slots.
     *
     * @param source    index of the source.
     * @param errorCode the runtime error code.
     * @param message   what happened.
     * @return calls failed.
     */
    public int failAllFrom(final int source, final int errorCode, final String message)
    {
        int failed = 0;
        for (int slot = 0; slot < calls.length; slot++)
        {
            if (calls[slot] != null && sources[slot] == source)
            {
                final long correlationId = correlationIds[slot];
                remove(slot).onFailure(correlationId, errorCode, message);
                failed++;
            }
        }
        return failed;
    }

    /**
     * Take a waiting call out of the map to complete it by other means than a response (a discovery's outcome).
     *
     * @param correlationId of the call.
     * @return the call, or null when none waits.
     */
    public PendingCall take(final long correlationId)
    {
        final int slot = (int)slotByCorrelation.get(correlationId);
        return slot < 0 ? null : remove(slot);
    }

    /**
     * Forget a waiting call without completing it.
     *
     * @param correlationId of the call.
     * @return false when no such call waits.
     */
    public boolean cancel(final long correlationId)
    {
        final int slot = (int)slotByCorrelation.get(correlationId);
        if (slot < 0)
        {
            return false;
        }
        remove(slot);
        return true;
    }

    /**
     * Time out every call whose deadline is at or before {@code nowNs}.
     *
     * @param nowNs engine-clock time.
     * @return how many calls (and deadline timers) timed out.
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
        return calls.length - freeCount;
    }

    /**
     * @return calls (not deadline timers) that timed out since creation.
     */
    public long timedOut()
    {
        return timedOut;
    }

    private PendingCall remove(final int slot)
    {
        final PendingCall call = calls[slot];
        slotByCorrelation.remove(correlationIds[slot]);
        slotByTimer.remove(timerIds[slot]);
        wheel.cancelTimer(timerIds[slot]);
        calls[slot] = null;
        freeSlots[freeCount++] = slot;
        return call;
    }

    private boolean onExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final int slot = (int)slotByTimer.remove(timerId);
        if (slot >= 0)
        {
            final PendingCall call = calls[slot];
            final long correlationId = correlationIds[slot];
            slotByCorrelation.remove(correlationId);
            calls[slot] = null;
            freeSlots[freeCount++] = slot;
            timedOut += call.isCall() ? 1 : 0;
            call.onFailure(correlationId, ErrorCode.TIMED_OUT.code(), "deadline passed with no response");
        }
        return true;
    }
}
