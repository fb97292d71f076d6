package dev.actr.engine.internal.ingress;

import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

/**
 * Frames the engine thread sends to this node's own host and actors — replies to host calls, calls and tells
 * between local actors, local chunks — queued without the ring's multi-producer claim and wake-up, and routed in
 * the same duty cycle. A bounded circular array of pre-allocated {@link IngressEvent}s; a full queue answers
 * {@link Lane#BACK_PRESSURED}.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class LocalFrames
{
    private final IngressEvent[] events;
    private final int mask;
    private final int maxFrameLength;
    private final ErrorHandler errorHandler;
    private long head;
    private long tail;

    /**
     * @param capacity       frames queued at most (a power of two).
     * @param inlineCapacity bytes each slot owns; larger frames allocate for their one use.
     * @param maxFrameLength largest frame accepted.
     * @param errorHandler   told of any exception a handler lets escape; the frame is then skipped.
     */
    public LocalFrames(
        final int capacity, final int inlineCapacity, final int maxFrameLength, final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        events = new IngressEvent[capacity];
        for (int i = 0; i < capacity; i++)
        {
            events[i] = new IngressEvent(inlineCapacity);
        }
        this.mask = capacity - 1;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Queue a frame (copied).
     *
     * @param kind          a {@code FrameKind}.
     * @param sourceIndex   local sender.
     * @param targetIndex   local receiver.
     * @param payloadType   PayloadType number.
     * @param correlationId of the call, else 0.
     * @param deadlineNs    of a request by the caller's clock, else 0.
     * @param buffer        holding the frame.
     * @param offset        of the frame.
     * @param length        of the frame.
     * @return {@link Lane#OK}, {@link Lane#BACK_PRESSURED} or {@link Lane#OVERSIZE}.
     */
    public int offer(
        final int kind,
        final int sourceIndex,
        final int targetIndex,
        final int payloadType,
        final long correlationId,
        final long deadlineNs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (length > maxFrameLength)
        {
            return Lane.OVERSIZE;
        }
        if (tail - head > mask)
        {
            return Lane.BACK_PRESSURED;
        }
        final IngressEvent event = events[(int)(tail & mask)];
        event.prepare(length).putBytes(0, buffer, offset, length);
        event.setLocal(kind, sourceIndex, targetIndex, payloadType, length, correlationId, deadlineNs, null, null);
        tail++;
        return Lane.OK;
    }

    /**
     * Route up to {@code limit} queued frames, oldest first. Frames queued by the handler are routed in this call
     * too, within the limit.
     *
     * @param handler for each frame; its bytes are valid only during the call.
     * @param limit   most frames to handle.
     * @return frames handled.
     */
    public int poll(final IngressRing.Handler handler, final int limit)
    {
        int count = 0;
        while (count < limit && head < tail)
        {
            final IngressEvent event = events[(int)(head & mask)];
            try
            {
                handler.onEvent(event);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
            finally
            {
                event.release();
                head++;
                count++;
            }
        }
        return count;
    }

    /**
     * @return frames queued.
     */
    public int size()
    {
        return (int)(tail - head);
    }
}
