package dev.actr.codec.fragment;

import org.agrona.concurrent.NanoClock;

/**
 * A clock that moves only when a test says so.
 */
final class ManualNanoClock implements NanoClock
{
    private long nowNs;

    ManualNanoClock(final long startNs)
    {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime()
    {
        return nowNs;
    }

    void advance(final long durationNs)
    {
        nowNs += durationNs;
    }
}
