package dev.actr.lanes.inproc;

import dev.actr.lanes.FrameSink;
import org.agrona.DirectBuffer;

/**
 * The lane between the host and the actors of one node. Sending is offering to the node's {@link FrameSink};
 * the frame is copied once, into the ring. Counts what it sent and what was pushed back.
 *
 * <p>NOT thread safe: one instance per sending thread (the engine thread uses one for its actors).
 */
public final class InProcessLane
{
    private final FrameSink sink;
    private long framesSent;
    private long framesBackPressured;

    /**
     * @param sink the node's ingress.
     */
    public InProcessLane(final FrameSink sink)
    {
        this.sink = sink;
    }

    /**
     * @param kind        {@link FrameSink#KIND_ENVELOPE} or {@link FrameSink#KIND_CHUNK}.
     * @param callerIndex sending actor or host.
     * @param targetIndex receiving actor, or -1 to resolve from the route key.
     * @param payloadType {@code PayloadType} number.
     * @param buffer      holding the encoded envelope or chunk.
     * @param offset      of the bytes.
     * @param length      of the bytes.
     * @return a {@link FrameSink} result code.
     */
    public int send(
        final int kind,
        final int callerIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int result = sink.offer(kind, callerIndex, targetIndex, payloadType, buffer, offset, length);
        if (result == FrameSink.OK)
        {
            framesSent++;
        }
        else if (result == FrameSink.BACK_PRESSURED)
        {
            framesBackPressured++;
        }
        return result;
    }

    /**
     * @return frames accepted by the sink.
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * @return offers the sink pushed back.
     */
    public long framesBackPressured()
    {
        return framesBackPressured;
    }
}
