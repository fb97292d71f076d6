package dev.actr.codec.envelope;

import dev.actr.codec.Buffers;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.Direction;
import org.agrona.DirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.ERROR;
import static dev.actr.codec.envelope.ProtoWire.WIRE_LEN;
import static dev.actr.codec.envelope.ProtoWire.WIRE_VARINT;

/**
 * Reads an encoded {@code RpcEnvelope} in place: one scan of the protobuf fields records where each field
 * lies, so the router can decide where an envelope goes without building a protobuf object. Nothing is
 * allocated; bad bytes give a {@link CodecStatus}, never an exception.
 *
 * <p>Request ids: an id made only of decimal digits (at most 18, as this runtime writes them) is read as a
 * 64-bit correlation id; any other id (a UUID from another runtime, say) has none and is identified by
 * {@link #requestIdHash()}.
 *
 * <p>NOT thread safe: one instance per decoding thread.
 */
public final class RpcEnvelopeFlyweight
{
    /** Field numbers of RpcEnvelope (ARCHITECTURE.md section 5). */
    static final int ROUTE_KEY = 1;
    static final int PAYLOAD = 2;
    static final int ERROR_FIELD = 3;
    static final int DIRECTION = 4;
    static final int TRACEPARENT = 100;
    static final int TRACESTATE = 101;
    static final int REQUEST_ID = 102;
    static final int METADATA = 103;
    static final int TIMEOUT_MS = 104;
    static final int ERROR_CODE = 1;

    /** {@link #correlationId()} when the request id is not a correlation id of ours. */
    public static final long NO_CORRELATION_ID = -1;

    private static final int MAX_CORRELATION_DIGITS = 18;
    /** A tag is a uint32: field numbers run up to 2^29 - 1. */
    static final long MAX_TAG = 0xFFFF_FFFFL;

    private final ProtoWire wire = new ProtoWire();
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int routeKeyOffset;
    private int routeKeyLength;
    private int payloadOffset;
    private int payloadLength;
    private int errorOffset;
    private int errorLength;
    private int direction;
    private int requestIdOffset;
    private int requestIdLength;
    private long timeoutMs;
    private boolean hasTimeout;

    /**
     * Scan an encoded envelope and check the protocol's rules.
     *
     * @param buffer holding the envelope.
     * @param offset of the envelope.
     * @param length of the envelope.
     * @return {@link CodecStatus#OK}, or {@link CodecStatus#MALFORMED_MESSAGE} for bad protobuf or a missing
     * required field, {@link CodecStatus#INVALID_DIRECTION}, {@link CodecStatus#INVALID_DEADLINE}.
     */
    public CodecStatus wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(buffer);
        this.offset = offset;
        this.length = length;
        if (length < 0 || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        wire.wrap(buffer, offset, length);
        while (wire.hasRemaining())
        {
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
            case REQUEST_ID:
                requestIdOffset = lengthDelimited(wireType);
                requestIdLength = wire.lastLength();
                return requestIdOffset >= 0;
            case TIMEOUT_MS:
                timeoutMs = varint(wireType);
                hasTimeout = wireType == WIRE_VARINT && wire.lastVarintValid();
                return hasTimeout;
            default:
                return wire.skip(wireType);
        }
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

    /**
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the envelope last wrapped.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return length of the envelope last wrapped.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return offset of the UTF-8 route key in {@link #buffer()}.
     */
    public int routeKeyOffset()
    {
        return routeKeyOffset;
    }

    /**
     * @return length of the UTF-8 route key in bytes.
     */
    public int routeKeyLength()
    {
        return routeKeyLength;
    }

    /**
     * @return offset of the payload, or -1 when the envelope has none.
     */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /**
     * @return length of the payload in bytes (0 when absent).
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * @return the direction's wire number (see {@code Direction}).
     */
    public int direction()
    {
        return direction;
    }

    /**
     * @return the deadline budget in milliseconds; positive exactly for requests.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * @return the request id as a correlation id, or {@link #NO_CORRELATION_ID} when it is not the canonical
     * decimal form of one: not all decimal digits, longer than 18 digits, or with a leading zero ("042" is not
     * 42: two distinct request ids must never map to the same correlation id).
     */
    public long correlationId()
    {
        if (requestIdLength == 0 || requestIdLength > MAX_CORRELATION_DIGITS ||
            (requestIdLength > 1 && buffer.getByte(requestIdOffset) == '0'))
        {
            return NO_CORRELATION_ID;
        }
        long value = 0;
        for (int i = 0; i < requestIdLength; i++)
        {
            final int digit = buffer.getByte(requestIdOffset + i) - '0';
            if (digit < 0 || digit > 9)
            {
                return NO_CORRELATION_ID;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * @return a 64-bit hash (FNV-1a) of the request id's bytes, for ids that are not correlation ids.
     */
    public long requestIdHash()
    {
        return Buffers.hash(Buffers.HASH_SEED, buffer, requestIdOffset, requestIdLength);
    }

    /**
     * @return offset of the request id bytes.
     */
    public int requestIdOffset()
    {
        return requestIdOffset;
    }

    /**
     * @return length of the request id bytes.
     */
    public int requestIdLength()
    {
        return requestIdLength;
    }

    /**
     * @return true when the envelope carries an {@code ErrorResponse}.
     */
    public boolean hasError()
    {
        return errorOffset >= 0;
    }

    /**
     * @return the error code of the carried {@code ErrorResponse}, or 0 when there is none or it is malformed.
     */
    public int errorCode()
    {
        if (errorOffset < 0)
        {
            return 0;
        }
        wire.wrap(buffer, errorOffset, errorLength);
        int code = 0;
        while (wire.hasRemaining())
        {
            final long tag = wire.readVarint();
            if (tag == ((long)ERROR_CODE << 3 | WIRE_VARINT))
            {
                code = (int)wire.readVarint(); // a repeated field: the last value wins, as in protobuf
                if (!wire.lastVarintValid())
                {
                    return 0;
                }
            }
            else if (tag < 8 || tag > MAX_TAG || !wire.skip((int)tag & 7))
            {
                return 0;
            }
        }
        return code;
    }

    /**
     * @return offset of the encoded {@code ErrorResponse}, or -1.
     */
    public int errorOffset()
    {
        return errorOffset;
    }

    /**
     * @return length of the encoded {@code ErrorResponse}.
     */
    public int errorLength()
    {
        return errorLength;
    }

    private void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
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
    }
}
