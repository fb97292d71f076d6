package dev.actr.codec.envelope;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Protobuf wire-format primitives over Agrona buffers: varints and tags. Reading keeps its position in the
 * instance so that a scan allocates nothing; {@link #ERROR} marks a malformed or truncated input.
 *
 * <p>NOT thread safe.
 */
final class ProtoWire
{
    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LEN = 2;
    static final int WIRE_FIXED32 = 5;
    static final long ERROR = Long.MIN_VALUE;

    private static final int MAX_VARINT_BYTES = 10;

    private DirectBuffer buffer;
    private int position;
    private int limit;
    private int lastLength;
    private boolean lastVarintValid;

    void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    boolean hasRemaining()
    {
        return position < limit;
    }

    int position()
    {
        return position;
    }

    /**
     * @return the next varint, or {@link #ERROR} when truncated or longer than 10 bytes. {@code Long.MIN_VALUE}
     * is also a legal varint value (a u64 sequence of 2^63, say): where a field can carry it, tell the two apart
     * with {@link #lastVarintValid()}.
     */
    long readVarint()
    {
        lastVarintValid = false;
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++)
        {
            if (position >= limit)
            {
                return ERROR;
            }
            final byte b = buffer.getByte(position++);
            value |= (long)(b & 0x7F) << (7 * i);
            if (b >= 0)
            {
                lastVarintValid = true;
                return value;
            }
        }
        return ERROR;
    }

    /**
     * @return true when the last {@link #readVarint()} read a well-formed varint, whatever its value.
     */
    boolean lastVarintValid()
    {
        return lastVarintValid;
    }

    /**
     * Read a length prefix and step over the bytes it covers.
     *
     * @return the offset of the bytes, or -1 when the length is malformed or runs past the limit.
     */
    int readLengthDelimited()
    {
        final long length = readVarint();
        if (length < 0 || length > limit - position)
        {
            return -1;
        }
        final int start = position;
        position += (int)length;
        lastLength = (int)length;
        return start;
    }

    int lastLength()
    {
        return lastLength;
    }

    /**
     * Step over a field of the given wire type.
     *
     * @return false when the field is malformed or of a wire type we do not accept (groups).
     */
    boolean skip(final int wireType)
    {
        switch (wireType)
        {
            case WIRE_VARINT:
                readVarint();
                return lastVarintValid;
            case WIRE_FIXED64:
                return advance(8);
            case WIRE_LEN:
                return readLengthDelimited() >= 0;
            case WIRE_FIXED32:
                return advance(4);
            default:
                return false;
        }
    }

    private boolean advance(final int bytes)
    {
        if (bytes > limit - position)
        {
            return false;
        }
        position += bytes;
        return true;
    }

    static int putVarint(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        int position = offset;
        long remaining = value;
        while ((remaining & ~0x7FL) != 0)
        {
            buffer.putByte(position++, (byte)((remaining & 0x7F) | 0x80));
            remaining >>>= 7;
        }
        buffer.putByte(position++, (byte)remaining);
        return position - offset;
    }

    static int varintLength(final long value)
    {
        int length = 1;
        long remaining = value >>> 7;
        while (remaining != 0)
        {
            length++;
            remaining >>>= 7;
        }
        return length;
    }

    static int tag(final int fieldNumber, final int wireType)
    {
        return fieldNumber << 3 | wireType;
    }
}
