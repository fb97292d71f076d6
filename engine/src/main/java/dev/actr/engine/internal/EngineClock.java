package dev.actr.engine.internal;

import org.agrona.concurrent.EpochNanoClock;

/**
 * The engine's notion of now: the injected clock read once per duty cycle, so every decision in a cycle sees
 * the same time and a replay can feed recorded times. Written by the engine thread only.
 */
public final class EngineClock implements EpochNanoClock
{
    private final EpochNanoClock source;
    private long nowNs;

    /**
     * @param source the injected clock.
     */
    public EngineClock(final EpochNanoClock source)
    {
        this.source = source;
        this.nowNs = source.nanoTime();
    }

    /**
     * Read the source clock.
     *
     * @return the new time.
     */
    public long update()
    {
        nowNs = source.nanoTime();
        return nowNs;
    }

    /**
     * @return the time of the current duty cycle, epoch ns.
     */
    @Override
    public long nanoTime()
    {
        return nowNs;
    }
}
