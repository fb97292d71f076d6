package dev.actr.lanes.webrtc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The values of the {@link WebRtcCounter}s of one lane. Thread safe: any thread increments, any thread reads.
 */
final class WebRtcLaneCounters
{
    private final AtomicLongArray values = new AtomicLongArray(WebRtcCounter.values().length);

    void increment(final WebRtcCounter counter)
    {
        values.incrementAndGet(counter.id());
    }

    void add(final WebRtcCounter counter, final long delta)
    {
        if (delta != 0)
        {
            values.addAndGet(counter.id(), delta);
        }
    }

    long get(final WebRtcCounter counter)
    {
        return values.get(counter.id());
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("{");
        for (final WebRtcCounter counter : WebRtcCounter.values())
        {
            final long value = get(counter);
            if (value != 0)
            {
                text.append(text.length() > 1 ? ", " : "").append(counter.label()).append('=').append(value);
            }
        }
        return text.append('}').toString();
    }
}
