package dev.actr.engine.internal.ingress;

import dev.actr.codec.FrameKind;
import dev.actr.codec.proto.ActrId;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated frame slot, of the ingress ring or of the engine's {@link LocalFrames}. Its buffer is owned
 * by the slot; a frame larger than the slot's inline capacity gets a buffer of its own for that one use, and the
 * slot returns to its inline buffer when released.
 *
 * <p>Where a frame came from is either a local index ({@link #sourceIndex()}: the host or an actor of this node)
 * or a network connection ({@link #connectionId()}, non-zero), which the router resolves to a peer.
 */
public final class IngressEvent
{
    /** {@link #targetIndex()} of a frame whose target the router resolves (by route key or stream id). */
    public static final int TARGET_BY_ROUTE = -1;
    /** {@link #targetIndex()} of a host frame for a peer of another node, named by {@link #peer()}. */
    public static final int TARGET_PEER = -2;
    /** {@link #sourceIndex()} of a frame that came on a network connection. */
    public static final int SOURCE_CONNECTION = -1;

    private final UnsafeBuffer inline;
    private final UnsafeBuffer large = new UnsafeBuffer(new byte[0]);
    private UnsafeBuffer buffer;

    int kind;
    int sourceIndex;
    int targetIndex;
    int payloadType;
    int length;
    long connectionId;
    long correlationId;
    long deadlineNs;
    Object attachment;
    ActrId peer;

    IngressEvent(final int inlineCapacity)
    {
        inline = new UnsafeBuffer(new byte[inlineCapacity]);
        buffer = inline;
    }

    /**
     * Make the event's buffer hold at least {@code capacity} bytes.
     *
     * @param capacity needed.
     * @return the buffer to write into, from offset 0.
     */
    public MutableDirectBuffer prepare(final int capacity)
    {
        if (capacity <= inline.capacity())
        {
            buffer = inline;
        }
        else
        {
            large.wrap(new byte[capacity]);
            buffer = large;
        }
        return buffer;
    }

    /**
     * Fill a frame from the host or an actor of this node (the bytes are written through {@link #prepare(int)}).
     *
     * @param kind          a {@link FrameKind}.
     * @param sourceIndex   who sent it.
     * @param targetIndex   receiving actor, {@link #TARGET_BY_ROUTE} or {@link #TARGET_PEER}.
     * @param payloadType   PayloadType number.
     * @param length        bytes written.
     * @param correlationId of a host call, else 0.
     * @param deadlineNs    the call's deadline by the caller's clock, or 0 to take it from the envelope.
     * @param attachment    of a host call (its pending call), else null.
     * @param peer          the peer of a {@link #TARGET_PEER} frame, else null.
     */
    public void setLocal(
        final int kind,
        final int sourceIndex,
        final int targetIndex,
        final int payloadType,
        final int length,
        final long correlationId,
        final long deadlineNs,
        final Object attachment,
        final ActrId peer)
    {
        this.kind = kind;
        this.sourceIndex = sourceIndex;
        this.targetIndex = targetIndex;
        this.payloadType = payloadType;
        this.length = length;
        this.connectionId = 0;
        this.correlationId = correlationId;
        this.deadlineNs = deadlineNs;
        this.attachment = attachment;
        this.peer = peer;
    }

    /**
     * Fill a frame or connection event of a network lane.
     *
     * @param kind         a {@link FrameKind}.
     * @param connectionId the connection.
     * @param payloadType  PayloadType number (frames), or a {@code DisconnectReason} (events).
     * @param length       bytes written (0 for events).
     * @param attachment   the lane of a {@link FrameKind#CONNECTED} event, else null.
     * @param peer         the peer of a connection event, else null.
     */
    public void setRemote(
        final int kind,
        final long connectionId,
        final int payloadType,
        final int length,
        final Object attachment,
        final ActrId peer)
    {
        this.kind = kind;
        this.sourceIndex = SOURCE_CONNECTION;
        this.targetIndex = TARGET_BY_ROUTE;
        this.payloadType = payloadType;
        this.length = length;
        this.connectionId = connectionId;
        this.correlationId = 0;
        this.deadlineNs = 0;
        this.attachment = attachment;
        this.peer = peer;
    }

    /**
     * @return the bytes of the frame, from offset 0 for {@link #length()} bytes.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return a {@link FrameKind}.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * @return index of the local sender, or {@link #SOURCE_CONNECTION}.
     */
    public int sourceIndex()
    {
        return sourceIndex;
    }

    /**
     * @return the connection a network frame or event came on, 0 for a local frame.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return index of the receiving actor, {@link #TARGET_BY_ROUTE} or {@link #TARGET_PEER}.
     */
    public int targetIndex()
    {
        return targetIndex;
    }

    /**
     * @return PayloadType number of the frame, or the reason of a connection event.
     */
    public int payloadType()
    {
        return payloadType;
    }

    /**
     * @return bytes in the frame.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return correlation id of a host call.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * @return deadline of a local request by its caller's clock (epoch ns), 0 when the envelope's budget counts
     * from arrival.
     */
    public long deadlineNs()
    {
        return deadlineNs;
    }

    /**
     * @return the pending call of a host call, or the lane of a connection event.
     */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * @return the peer of a connection event or of a host frame for a peer.
     */
    public ActrId peer()
    {
        return peer;
    }

    void release()
    {
        attachment = null;
        peer = null;
        if (buffer != inline)
        {
            large.wrap(new byte[0]);
            buffer = inline;
        }
    }
}
