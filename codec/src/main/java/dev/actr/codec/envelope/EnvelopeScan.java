package dev.actr.codec.envelope;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.Direction;
import org.agrona.DirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.ERROR;
import static dev.actr.codec.envelope.ProtoWire.WIRE_LEN;
import static dev.actr.codec.envelope.ProtoWire.WIRE_VARINT;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.DIRECTION;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ERROR_FIELD;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.MAX_TAG;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.METADATA;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.PAYLOAD;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.REQUEST_ID;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ROUTE_KEY;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TIMEOUT_MS;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TRACEPARENT;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TRACESTATE;

/**
 * The one pass of {@link RpcEnvelopeFlyweight#wrap} over an envelope's fields: records where each field it reads
 * lies (the last occurrence wins, as in protobuf), checks each metadata entry, steps over unknown fields, then
 * checks the protocol's rules. The flyweight reads the fields from here.
 *
 * <p>NOT thread safe.
 */
final class EnvelopeScan
{
    private final ProtoWire wire = new ProtoWire();
    private final MetadataFlyweight entry = new MetadataFlyweight();
    private int fieldStart;

    DirectBuffer buffer;
    int offset;
    int length;
    int routeKeyOffset;
    int routeKeyLength;
    int payloadOffset;
    int payloadLength;
    int errorOffset;
    int errorLength;
    int direction;
    int requestIdOffset;
    int requestIdLength;
    long timeoutMs;
    private boolean hasTimeout;
    int traceparentOffset;
    int traceparentLength;
    int tracestateOffset;
    int tracestateLength;
    int metadataCount;
    int metadataStart;
    int metadataLimit;

    CodecStatus scan(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(buffer, offset, length);
        if (length < 0 || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        wire.wrap(buffer, offset, length);
        while (wire.hasRemaining())
        {
            fieldStart = wire.position();
            final long tag = wire.readVarint();
            if (tag < 8 || tag > MAX_TAG || !readField((int)tag >>> 3, (int)tag & 7))
            {
                return CodecStatus.MALFORMED_MESSAGE;
            }
        }
        return check();
    }

    private boolean readField(final int field, final int wireType)
    {
        switch (field)
        {
            case ROUTE_KEY:
                routeKeyOffset = lengthDelimited(wireType);
                routeKeyLength = wire.lastLength();
                return routeKeyOffset >= 0;
            case PAYLOAD:
                payloadOffset = lengthDelimited(wireType);
                payloadLength = wire.lastLength();
                return payloadOffset >= 0;
            case ERROR_FIELD:
                errorOffset = lengthDelimited(wireType);
                errorLength = wire.lastLength();
                return errorOffset >= 0;
            case DIRECTION:
                direction = (int)varint(wireType);
                return wireType == WIRE_VARINT && wire.lastVarintValid();
            case TRACEPARENT:
                traceparentOffset = lengthDelimited(wireType);
                traceparentLength = wire.lastLength();
                return traceparentOffset >= 0;
            case TRACESTATE:
                tracestateOffset = lengthDelimited(wireType);
                tracestateLength = wire.lastLength();
                return tracestateOffset >= 0;
            case REQUEST_ID:
                requestIdOffset = lengthDelimited(wireType);
                requestIdLength = wire.lastLength();
                return requestIdOffset >= 0;
            case METADATA:
                return metadataEntry(wireType);
            case TIMEOUT_MS:
                timeoutMs = varint(wireType);
                hasTimeout = wireType == WIRE_VARINT && wire.lastVarintValid();
                return hasTimeout;
            default:
                return wire.skip(wireType);
        }
    }

    private boolean metadataEntry(final int wireType)
    {
        final int entryOffset = lengthDelimited(wireType);
        if (entryOffset < 0 || !entry.readEntry(buffer, entryOffset, wire.lastLength()))
        {
            return false;
        }
        if (metadataCount++ == 0)
        {
            metadataStart = fieldStart;
        }
        metadataLimit = wire.position();
        return true;
    }

    private int lengthDelimited(final int wireType)
    {
        return wireType == WIRE_LEN ? wire.readLengthDelimited() : -1;
    }

    private long varint(final int wireType)
    {
        return wireType == WIRE_VARINT ? wire.readVarint() : ERROR;
    }

    private CodecStatus check()
    {
        if (routeKeyOffset < 0 || requestIdOffset < 0 || !hasTimeout)
        {
            return CodecStatus.MALFORMED_MESSAGE;
        }
        if (direction < Direction.REQUEST_VALUE || direction > Direction.TELL_VALUE)
        {
            return CodecStatus.INVALID_DIRECTION;
        }
        if ((direction == Direction.REQUEST_VALUE) != (timeoutMs > 0) || timeoutMs < 0)
        {
            return CodecStatus.INVALID_DEADLINE;
        }
        return CodecStatus.OK;
    }

    private void reset(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        routeKeyOffset = -1;
        routeKeyLength = 0;
        payloadOffset = -1;
        payloadLength = 0;
        errorOffset = -1;
        errorLength = 0;
        direction = 0;
        requestIdOffset = -1;
        requestIdLength = 0;
        timeoutMs = 0;
        hasTimeout = false;
        traceparentOffset = -1;
        traceparentLength = 0;
        tracestateOffset = -1;
        tracestateLength = 0;
        metadataCount = 0;
        metadataStart = 0;
        metadataLimit = 0;
    }
}
