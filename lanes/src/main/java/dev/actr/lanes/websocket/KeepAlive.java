package dev.actr.lanes.websocket;

import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.NanoClock;

/**
 * Liveness and round trip of one connection. Anything received counts as life; the keep-alive tick (every
 * interval) says whether the connection has been silent past the timeout, and each pong — whose 8-byte payload is
 * the ping's send time — gives a round-trip sample, kept as the last value and smoothed (7/8 old + 1/8 new).
 *
 * <p>Written by the connection's event loop; the round-trip values may be read from any thread.
 */
final class KeepAlive
{
    /** Length of a ping's payload: the send time, u64 BE nanoseconds of the sender's clock. */
    static final int PING_LENGTH = 8;

    private final NanoClock clock;
    private final long timeoutNs;
    private long lastHeardNs;
    private volatile long lastRttNs = -1;
    private volatile long smoothedRttNs = -1;

    KeepAlive(final NanoClock clock, final long timeoutNs)
    {
        this.clock = clock;
        this.timeoutNs = timeoutNs;
        this.lastHeardNs = clock.nanoTime();
    }

    /**
     * Something arrived, or the silence does not count (reading is paused by this node).
     */
    void onHeard()
    {
        lastHeardNs = clock.nanoTime();
    }

    /**
     * @return true when nothing arrived for longer than the timeout.
     */
    boolean isSilentTooLong()
    {
        return clock.nanoTime() - lastHeardNs > timeoutNs;
    }

    /**
     * @param payload an empty buffer of at least {@link #PING_LENGTH} writable bytes.
     * @return the payload with the send time written.
     */
    ByteBuf pingPayload(final ByteBuf payload)
    {
        return payload.writeLong(clock.nanoTime());
    }

    /**
     * @param payload a pong's payload.
     */
    void onPong(final ByteBuf payload)
    {
        if (payload.readableBytes() != PING_LENGTH)
        {
            return;
        }
        final long rttNs = clock.nanoTime() - payload.getLong(payload.readerIndex());
        if (rttNs >= 0)
        {
            lastRttNs = rttNs;
            final long smoothed = smoothedRttNs;
            smoothedRttNs = smoothed < 0 ? rttNs : smoothed + (rttNs - smoothed) / 8;
        }
    }

    long lastRttNs()
    {
        return lastRttNs;
    }

    long smoothedRttNs()
    {
        return smoothedRttNs;
    }
}
