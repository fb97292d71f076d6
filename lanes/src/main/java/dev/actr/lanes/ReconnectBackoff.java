package dev.actr.lanes;

import java.util.Random;

/**
 * Exponential backoff with jitter for reconnecting: the n-th delay is drawn uniformly from
 * {@code [base/2, base]} where {@code base = min(max, initial * 2^n)} ("equal jitter": never less than half the
 * exponential step, so retries spread out without collapsing to zero). {@link #reset()} after a success.
 * Used by the signaling client; the engine may use it for lane reconnects.
 *
 * <p>NOT thread safe.
 */
public final class ReconnectBackoff
{
    /** Default first delay: 1 s. */
    public static final long INITIAL_DELAY_MS_DEFAULT = 1_000;
    /** Default largest delay: 60 s. */
    public static final long MAX_DELAY_MS_DEFAULT = 60_000;

    private final long initialDelayMs;
    private final long maxDelayMs;
    private final Random random;
    private int attempts;

    /**
     * @param initialDelayMs first delay's upper bound, > 0.
     * @param maxDelayMs     largest delay, >= initialDelayMs.
     * @param random         jitter source (seed it in tests).
     */
    public ReconnectBackoff(final long initialDelayMs, final long maxDelayMs, final Random random)
    {
        if (initialDelayMs <= 0 || maxDelayMs < initialDelayMs)
        {
            throw new IllegalArgumentException(
                "need 0 < initialDelayMs <= maxDelayMs: " + initialDelayMs + ", " + maxDelayMs);
        }
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.random = random;
    }

    /**
     * @return the delay before the next attempt, in ms; counts the attempt.
     */
    public long nextDelayMs()
    {
        final long base = baseDelayMs(attempts);
        if (attempts < Integer.MAX_VALUE)
        {
            attempts++;
        }
        final long half = base / 2;
        return half + (long)(random.nextDouble() * (base - half + 1));
    }

    /**
     * @param attempt an attempt number from 0.
     * @return the upper bound of that attempt's delay.
     */
    public long baseDelayMs(final int attempt)
    {
        long base = initialDelayMs;
        for (int i = 0; i < attempt && base < maxDelayMs; i++)
        {
            base = base > maxDelayMs / 2 ? maxDelayMs : base * 2;
        }
        return Math.min(base, maxDelayMs);
    }

    /**
     * @return attempts since the last {@link #reset()}.
     */
    public int attempts()
    {
        return attempts;
    }

    /**
     * Start again from the initial delay (after a successful connection).
     */
    public void reset()
    {
        attempts = 0;
    }
}
