package dev.actr.lanes;

import org.agrona.DirectBuffer;

/**
 * Where a lane delivers the frames it receives: the engine's ingress ring. Any thread may offer; the frame is
 * copied before the call returns, so the caller may reuse its buffer. Flow control is by return code.
 */
public interface FrameSink
{
    /** The frame was accepted. */
    int OK = 0;
    /** The sink is full for now; offer again later (or fail the operation). Nothing was taken. */
    int BACK_PRESSURED = -1;
    /** The sink is closed; nothing will be taken again. */
    int CLOSED = -2;
    /** The frame is larger than the sink ever accepts. */
    int OVERSIZE = -3;

    /** A frame holding an encoded {@code RpcEnvelope}. */
    int KIND_ENVELOPE = 1;
    /** A frame holding an encoded {@code DataChunk}. */
    int KIND_CHUNK = 2;

    /**
     * @param kind         {@link #KIND_ENVELOPE} or {@link #KIND_CHUNK}.
     * @param callerIndex  who sent it: the node's index of the sending actor, host or peer.
     * @param targetIndex  the node's index of the receiving actor, or -1 to resolve it from the route key.
     * @param payloadType  the {@code PayloadType} number of the lane it came on.
     * @param buffer       holding the frame's payload.
     * @param offset       of the payload.
     * @param length       of the payload.
     * @return {@link #OK}, {@link #BACK_PRESSURED}, {@link #CLOSED} or {@link #OVERSIZE}.
     */
    int offer(int kind, int callerIndex, int targetIndex, int payloadType, DirectBuffer buffer, int offset, int length);
}
