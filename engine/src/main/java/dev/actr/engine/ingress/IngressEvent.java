package dev.actr.engine.ingress;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated slot of the ingress ring. Its buffer is owned by the slot; a frame larger than the slot's
 * inline capacity gets a buffer of its own for that one use, and the slot returns to its inline buffer when
 * the next frame is written.
 */
public final class IngressEvent
{
    /** A frame holding an encoded RpcEnvelope. */
    public static final int KIND_ENVELOPE = 1;
    /** A frame holding an encoded DataChunk. */
    public static final int KIND_CHUNK = 2;
    /** A host call: an encoded REQUEST plus the pending call that waits for its response. */
    public static final int KIND_HOST_CALL = 3;

    private final UnsafeBuffer inline;
    private final UnsafeBuffer large = new UnsafeBuffer(new byte[0]);
    private UnsafeBuffer buffer;

    int kind;
    int callerIndex;
    int targetIndex;
    int payloadType;
    int length;
    long correlationId;
    Object attachment;

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
     * Fill the routing fields of the event (the bytes are written through {@link #prepare(int)}).
     *
     * @param kind          of frame.
     * @param callerIndex   who sent it.
     * @param targetIndex   receiving actor, or -1.
     * @param payloadType   PayloadType number.
     * @param length        bytes written.
     * @param correlationId of a host call, else 0.
     * @param attachment    of a host call (its pending call), else null.
     */
    public void set(
        final int kind,
        final int callerIndex,
        final int targetIndex,
        final int payloadType,
        final int length,
        final long correlationId,
        final Object attachment)
    {
        this.kind = kind;
        this.callerIndex = callerIndex;
        this.targetIndex = targetIndex;
        this.payloadType = payloadType;
        this.length = length;
        this.correlationId = correlationId;
        this.attachment = attachment;
    }

    /**
     * @return the bytes of the frame, from offset 0 for {@link #length()} bytes.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return what the frame is ({@link #KIND_ENVELOPE}, {@link #KIND_CHUNK}, {@link #KIND_HOST_CALL}).
     */
    public int kind()
    {
        return kind;
    }

    /**
     * @return index of the sender.
     */
    public int callerIndex()
    {
        return callerIndex;
    }

    /**
     * @return index of the receiving actor, or -1 to resolve from the route key.
     */
    public int targetIndex()
    {
        return targetIndex;
    }

    /**
     * @return PayloadType number of the frame.
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
     * @return the pending call of a host call.
     */
    public Object attachment()
    {
        return attachment;
    }

    void release()
    {
        attachment = null;
        if (buffer != inline)
        {
            large.wrap(new byte[0]);
            buffer = inline;
        }
    }
}
