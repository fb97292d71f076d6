package dev.actr.codec.frame;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.PayloadType;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static dev.actr.codec.frame.LaneFrameDescriptor.HEADER_LENGTH;
import static dev.actr.codec.frame.LaneFrameDescriptor.LENGTH_OFFSET;
import static dev.actr.codec.frame.LaneFrameDescriptor.TYPE_OFFSET;

/**
 * Flyweight decoder of one lane frame (see {@link LaneFrameDescriptor}). Wrap a buffer, check the returned
 * status, then read the fields; nothing is copied or allocated. Never throws for bad input.
 *
 * <p>NOT thread safe: one instance per lane I/O thread.
 */
public final class LaneFrameDecoder
{
    private final int maxPayloadLength;
    private DirectBuffer buffer;
    private int offset;
    private int payloadType = -1;
    private int payloadLength;

    /**
     * A decoder with the default maximum payload length of 16 MiB.
     */
    public LaneFrameDecoder()
    {
        this(LaneFrameDescriptor.DEFAULT_MAX_PAYLOAD_LENGTH);
    }

    /**
     * @param maxPayloadLength largest payload accepted, in bytes; larger frames are {@link CodecStatus#OVERSIZE}.
     */
    public LaneFrameDecoder(final int maxPayloadLength)
    {
        if (maxPayloadLength < 0)
        {
            throw new IllegalArgumentException("maxPayloadLength must be >= 0: " + maxPayloadLength);
        }
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * Decode the frame that starts at {@code offset}; bytes after the frame are allowed (a stream of frames).
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of readable bytes from {@code offset}.
     * @return {@link CodecStatus#OK} when a whole valid frame is present, else the rule it breaks.
     */
    public CodecStatus wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.payloadType = -1;
        this.payloadLength = 0;
        if (length < HEADER_LENGTH || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        final int type = buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
        if (PayloadType.forNumber(type) == null)
        {
            return CodecStatus.UNKNOWN_PAYLOAD_TYPE;
        }
        final long declared = buffer.getInt(offset + LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        if (declared > maxPayloadLength)
        {
            return CodecStatus.OVERSIZE;
        }
        if (declared > length - HEADER_LENGTH)
        {
            return CodecStatus.TRUNCATED;
        }
        payloadType = type;
        payloadLength = (int)declared;
        return CodecStatus.OK;
    }

    /**
     * Decode a buffer that must hold exactly one frame, as a WebSocket binary message does.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of the message.
     * @return as {@link #wrap(DirectBuffer, int, int)}, plus {@link CodecStatus#TRAILING_BYTES} when bytes follow
     * the frame.
     */
    public CodecStatus wrapExact(final DirectBuffer buffer, final int offset, final int length)
    {
        final CodecStatus status = wrap(buffer, offset, length);
        if (status == CodecStatus.OK && frameLength() != length)
        {
            payloadType = -1;
            return CodecStatus.TRAILING_BYTES;
        }
        return status;
    }

    /**
     * @return the payload type number of the last valid frame (a {@code PayloadType} number), or -1.
     */
    public int payloadTypeNumber()
    {
        return payloadType;
    }

    /**
     * @return the payload type of the last valid frame, or {@code null} if the last wrap failed.
     */
    public PayloadType payloadType()
    {
        return payloadType < 0 ? null : PayloadType.forNumber(payloadType);
    }

    /**
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the payload in {@link #buffer()}.
     */
    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * @return length of the payload in bytes.
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * @return length of the whole frame, header included.
     */
    public int frameLength()
    {
        return HEADER_LENGTH + payloadLength;
    }
}
