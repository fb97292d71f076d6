package dev.actr.engine;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * A clock the test moves by hand.
 */
final class ManualClock implements EpochNanoClock
{
    private volatile long nowNs = TimeUnit.SECONDS.toNanos(1_700_000_000L);

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    void advanceMs(final long ms)
    {
        nowNs += TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
