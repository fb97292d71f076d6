package dev.actr.codec.frame;

import dev.actr.codec.proto.PayloadType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static dev.actr.codec.frame.LaneFrameDescriptor.HEADER_LENGTH;
import static dev.actr.codec.frame.LaneFrameDescriptor.LENGTH_OFFSET;
import static dev.actr.codec.frame.LaneFrameDescriptor.TYPE_OFFSET;

/**
 * Writes lane frames (see {@link LaneFrameDescriptor}). Stateless and allocation-free.
 */
public final class LaneFrameEncoder
{
    private LaneFrameEncoder()
    {
    }

    /**
     * Write a header in front of a payload that the caller places at {@code offset + HEADER_LENGTH}.
     *
     * @param buffer        to write into.
     * @param offset        of the frame.
     * @param payloadType   of the frame.
     * @param payloadLength in bytes.
     * @return the frame length, header included.
     */
    public static int encodeHeader(
        final MutableDirectBuffer buffer, final int offset, final PayloadType payloadType, final int payloadLength)
    {
        if (payloadLength < 0)
        {
            throw new IllegalArgumentException("payloadLength must be >= 0: " + payloadLength);
        }
        buffer.putByte(offset + TYPE_OFFSET, (byte)payloadType.getNumber());
        buffer.putInt(offset + LENGTH_OFFSET, payloadLength, ByteOrder.BIG_ENDIAN);
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * Write a whole frame: header then a copy of the payload.
     *
     * @param buffer        to write into; must have room for {@code HEADER_LENGTH + payloadLength} bytes.
     * @param offset        of the frame.
     * @param payloadType   of the frame.
     * @param payload       source of the payload bytes.
     * @param payloadOffset of the payload in {@code payload}.
     * @param payloadLength in bytes.
     * @return the frame length, header included.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final PayloadType payloadType,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        final int frameLength = encodeHeader(buffer, offset, payloadType, payloadLength);
        buffer.putBytes(offset + HEADER_LENGTH, payload, payloadOffset, payloadLength);
        return frameLength;
    }
}
