package dev.actr.engine.internal;

import java.util.concurrent.TimeUnit;

/**
 * Deadline arithmetic that saturates instead of overflowing: a call with a timeout of {@code Long.MAX_VALUE} ms
 * never expires rather than expiring at once.
 */
public final class Deadlines
{
    /** A deadline that never passes. */
    public static final long NEVER = Long.MAX_VALUE;

    private Deadlines()
    {
    }

    /**
     * @param nowNs     engine clock time, epoch ns.
     * @param timeoutMs budget in ms, >= 0.
     * @return {@code nowNs + timeoutMs}, or {@link #NEVER} when that does not fit.
     */
    public static long afterMs(final long nowNs, final long timeoutMs)
    {
        if (timeoutMs >= TimeUnit.NANOSECONDS.toMillis(Long.MAX_VALUE))
        {
            return NEVER;
        }
        return afterNs(nowNs, TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /**
     * @param nowNs     engine clock time, epoch ns.
     * @param timeoutNs budget in ns, >= 0.
     * @return {@code nowNs + timeoutNs}, or {@link #NEVER} when that does not fit.
     */
    public static long afterNs(final long nowNs, final long timeoutNs)
    {
        final long deadlineNs = nowNs + timeoutNs;
        return ((nowNs ^ deadlineNs) & (timeoutNs ^ deadlineNs)) < 0 ? NEVER : deadlineNs;
    }

    /**
     * The budget a request carries on the wire, in whole ms, rounded up so that a request is never sent with less
     * time than its caller has.
     *
     * @param nowNs      engine clock time.
     * @param deadlineNs the call's deadline.
     * @return ms left, at least 1 while time is left, 0 when none is.
     */
    public static long remainingMs(final long nowNs, final long deadlineNs)
    {
        if (deadlineNs == NEVER)
        {
            return Long.MAX_VALUE;
        }
        final long leftNs = deadlineNs - nowNs;
        return leftNs <= 0 ? 0 : (leftNs + 999_999) / 1_000_000;
    }
}
