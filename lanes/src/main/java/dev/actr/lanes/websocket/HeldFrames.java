package dev.actr.lanes.websocket;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;

/**
 * Lane frames of one connection that the ingress pushed back, in arrival order, kept (retained) until it takes
 * them: the connection stops reading while any are held, so they are at most what one read had decoded. The retry
 * delay doubles from the initial to the maximum while the ingress keeps pushing back.
 *
 * <p>NOT thread safe: the connection's event loop owns it.
 */
final class HeldFrames
{
    private final ArrayDeque<ByteBuf> frames = new ArrayDeque<>();
    private final long initialDelayNs;
    private final long maxDelayNs;
    private long delayNs;

    HeldFrames(final long initialDelayNs, final long maxDelayNs)
    {
        this.initialDelayNs = initialDelayNs;
        this.maxDelayNs = maxDelayNs;
        this.delayNs = initialDelayNs;
    }

    boolean isEmpty()
    {
        return frames.isEmpty();
    }

    int size()
    {
        return frames.size();
    }

    /**
     * @param frame a frame's content, retained by the caller for this queue.
     */
    void add(final ByteBuf frame)
    {
        frames.addLast(frame);
    }

    ByteBuf peek()
    {
        return frames.peekFirst();
    }

    /**
     * Drop the first frame (taken by the ingress, or refused for good) and release it.
     */
    void removeFirst()
    {
        frames.pollFirst().release();
    }

    /**
     * @return the delay before the next retry; doubles the one after.
     */
    long nextDelayNs()
    {
        final long delay = delayNs;
        delayNs = Math.min(maxDelayNs, delayNs * 2);
        return delay;
    }

    void resetDelay()
    {
        delayNs = initialDelayNs;
    }

    /**
     * Release every held frame (the connection closed: no frame of it may follow its disconnect).
     *
     * @return how many were dropped.
     */
    int releaseAll()
    {
        final int dropped = frames.size();
        ByteBuf frame;
        while ((frame = frames.pollFirst()) != null)
        {
            frame.release();
        }
        return dropped;
    }
}
