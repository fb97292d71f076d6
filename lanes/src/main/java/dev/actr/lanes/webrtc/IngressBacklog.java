package dev.actr.lanes.webrtc;

import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;

/**
 * Frames of one connection that the ingress pushed back, in arrival order, bounded in bytes. The callback thread
 * publishes directly while the backlog is empty and appends copies once a frame was pushed back; the control thread
 * drains it. Frames of a connection so reach the ingress in the order they arrived.
 *
 * <p>Thread safe.
 */
final class IngressBacklog
{
    /** Appended: the control thread must drain. */
    static final int QUEUED = 1;
    /** Published directly. */
    static final int PUBLISHED = 0;
    /** Not taken: the backlog is full. */
    static final int FULL = -1;

    private final long maxBytes;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final ArrayDeque<Integer> payloadTypes = new ArrayDeque<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long bytes;

    IngressBacklog(final long maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    /**
     * Publish a frame, or append it behind the frames already held.
     *
     * @return {@link #PUBLISHED}, {@link #QUEUED}, or {@link #FULL}; {@code Lane.CLOSED} / {@code Lane.OVERSIZE} as
     * the ingress answered (nothing taken).
     */
    int offer(
        final LaneIngress ingress,
        final long connectionId,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        synchronized (this)
        {
            if (!frames.isEmpty())
            {
                return append(payloadType, buffer, offset, length);
            }
        }
        final int result = ingress.onFrame(connectionId, payloadType, buffer, offset, length);
        if (result == Lane.OK)
        {
            return PUBLISHED;
        }
        if (result == Lane.BACK_PRESSURED)
        {
            synchronized (this)
            {
                return append(payloadType, buffer, offset, length);
            }
        }
        return result;
    }

    private int append(final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (bytes + length > maxBytes)
        {
            return FULL;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.addLast(copy);
        payloadTypes.addLast(payloadType);
        bytes += length;
        return QUEUED;
    }

    /**
     * Publish held frames until the ingress pushes back. Control thread.
     *
     * @return true when the backlog is empty.
     */
    synchronized boolean drain(final LaneIngress ingress, final long connectionId)
    {
        while (!frames.isEmpty())
        {
            final byte[] frame = frames.peekFirst();
            view.wrap(frame);
            final int result = ingress.onFrame(connectionId, payloadTypes.peekFirst(), view, 0, frame.length);
            if (result == Lane.BACK_PRESSURED)
            {
                return false;
            }
            frames.removeFirst();
            payloadTypes.removeFirst();
            bytes -= frame.length;
        }
        return true;
    }

    synchronized void clear()
    {
        frames.clear();
        payloadTypes.clear();
        bytes = 0;
    }

    synchronized boolean isEmpty()
    {
        return frames.isEmpty();
    }
}
