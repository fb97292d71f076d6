package dev.actr.codec.envelope;

import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.ERROR;
import static dev.actr.codec.envelope.ProtoWire.WIRE_LEN;
import static dev.actr.codec.envelope.ProtoWire.WIRE_VARINT;

/**
 * Reads the routing fields of an encoded {@code DataChunk} in place — stream id and sequence — so a chunk can
 * be queued on its stream without building a protobuf object. Nothing is allocated; bad bytes give a
 * {@link CodecStatus}.
 *
 * <p>NOT thread safe.
 */
public final class DataChunkFlyweight
{
    private static final int STREAM_ID = 1;
    private static final int SEQUENCE = 2;
    private static final int PAYLOAD = 3;

    private final ProtoWire wire = new ProtoWire();
    private int streamIdOffset;
    private int streamIdLength;
    private long sequence;
    private boolean hasSequence;
    private boolean hasPayload;

    /**
     * @param buffer holding the chunk.
     * @param offset of the chunk.
     * @param length of the chunk.
     * @return {@link CodecStatus#OK}, or {@link CodecStatus#MALFORMED_MESSAGE} when it is not a DataChunk with
     * its required fields.
     */
    public CodecStatus wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        streamIdOffset = -1;
        streamIdLength = 0;
        hasSequence = false;
        hasPayload = false;
        if (length < 0 || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        wire.wrap(buffer, offset, length);
        while (wire.hasRemaining())
        {
            final long tag = wire.readVarint();
            if (tag < 8 || tag > RpcEnvelopeFlyweight.MAX_TAG || !readField((int)tag >>> 3, (int)tag & 7))
            {
                return CodecStatus.MALFORMED_MESSAGE;
            }
        }
        return streamIdOffset >= 0 && hasSequence && hasPayload ? CodecStatus.OK : CodecStatus.MALFORMED_MESSAGE;
    }

    private boolean readField(final int field, final int wireType)
    {
        switch (field)
        {
            case STREAM_ID:
                streamIdOffset = wireType == WIRE_LEN ? wire.readLengthDelimited() : -1;
                streamIdLength = wire.lastLength();
                return streamIdOffset >= 0;
            case SEQUENCE:
                sequence = wireType == WIRE_VARINT ? wire.readVarint() : ERROR;
                hasSequence = wireType == WIRE_VARINT && wire.lastVarintValid();
                return hasSequence;
            case PAYLOAD:
                hasPayload = wireType == WIRE_LEN && wire.readLengthDelimited() >= 0;
                return hasPayload;
            default:
                return wire.skip(wireType);
        }
    }

    /**
     * @return offset of the UTF-8 stream id.
     */
    public int streamIdOffset()
    {
        return streamIdOffset;
    }

    /**
     * @return length of the UTF-8 stream id.
     */
    public int streamIdLength()
    {
        return streamIdLength;
    }

    /**
     * @return the chunk's sequence number (u64 bits).
     */
    public long sequence()
    {
        return sequence;
    }
}
