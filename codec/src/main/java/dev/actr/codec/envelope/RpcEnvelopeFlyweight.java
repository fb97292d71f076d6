package dev.actr.codec.envelope;

import dev.actr.codec.Buffers;
import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.WIRE_VARINT;

/**
 * Reads an encoded {@code RpcEnvelope} in place: one scan of the protobuf fields records where each field
 * lies, so the router can decide where an envelope goes without building a protobuf object. Nothing is
 * allocated; bad bytes give a {@link CodecStatus}, never an exception.
 *
 * <p>Trace context and metadata from other actr implementations are kept: {@link #traceparentOffset()},
 * {@link #tracestateOffset()} and, entry by entry, a {@link MetadataFlyweight}. Every metadata entry is checked
 * here (a well-formed {@code MetadataEntry} with its key and value), so a malformed entry fails the whole envelope
 * with {@link CodecStatus#MALFORMED_MESSAGE}, as protobuf-java fails it.
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

    private final EnvelopeScan fields = new EnvelopeScan();
    private final ProtoWire errorWire = new ProtoWire();

    /**
     * Scan an encoded envelope and check the protocol's rules.
     *
     * @param buffer holding the envelope.
     * @param offset of the envelope.
     * @param length of the envelope.
     * @return {@link CodecStatus#OK}, or {@link CodecStatus#MALFORMED_MESSAGE} for bad protobuf, a missing
     * required field or a malformed metadata entry, {@link CodecStatus#INVALID_DIRECTION},
     * {@link CodecStatus#INVALID_DEADLINE}.
     */
    public CodecStatus wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        return fields.scan(buffer, offset, length);
    }

    /**
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return fields.buffer;
    }

    /**
     * @return offset of the envelope last wrapped.
     */
    public int offset()
    {
        return fields.offset;
    }

    /**
     * @return length of the envelope last wrapped.
     */
    public int length()
    {
        return fields.length;
    }

    /**
     * @return offset of the UTF-8 route key in {@link #buffer()}.
     */
    public int routeKeyOffset()
    {
        return fields.routeKeyOffset;
    }

    /**
     * @return length of the UTF-8 route key in bytes.
     */
    public int routeKeyLength()
    {
        return fields.routeKeyLength;
    }

    /**
     * @return offset of the payload, or -1 when the envelope has none.
     */
    public int payloadOffset()
    {
        return fields.payloadOffset;
    }

    /**
     * @return length of the payload in bytes (0 when absent).
     */
    public int payloadLength()
    {
        return fields.payloadLength;
    }

    /**
     * @return the direction's wire number (see {@code Direction}).
     */
    public int direction()
    {
        return fields.direction;
    }

    /**
     * @return the deadline budget in milliseconds; positive exactly for requests.
     */
    public long timeoutMs()
    {
        return fields.timeoutMs;
    }

    /**
     * @return the request id as a correlation id, or {@link #NO_CORRELATION_ID} when it is not the canonical
     * decimal form of one: not all decimal digits, longer than 18 digits, or with a leading zero ("042" is not
     * 42: two distinct request ids must never map to the same correlation id).
     */
    public long correlationId()
    {
        if (fields.requestIdLength == 0 || fields.requestIdLength > MAX_CORRELATION_DIGITS ||
            (fields.requestIdLength > 1 && fields.buffer.getByte(fields.requestIdOffset) == '0'))
        {
            return NO_CORRELATION_ID;
        }
        long value = 0;
        for (int i = 0; i < fields.requestIdLength; i++)
        {
            final int digit = fields.buffer.getByte(fields.requestIdOffset + i) - '0';
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
        return Buffers.hash(Buffers.HASH_SEED, fields.buffer, fields.requestIdOffset, fields.requestIdLength);
    }

    /**
     * @return offset of the request id bytes.
     */
    public int requestIdOffset()
    {
        return fields.requestIdOffset;
    }

    /**
     * @return length of the request id bytes.
     */
    public int requestIdLength()
    {
        return fields.requestIdLength;
    }

    /**
     * @return true when the envelope carries an {@code ErrorResponse}.
     */
    public boolean hasError()
    {
        return fields.errorOffset >= 0;
    }

    /**
     * @return the error code of the carried {@code ErrorResponse}, or 0 when there is none or it is malformed.
     */
    public int errorCode()
    {
        if (fields.errorOffset < 0)
        {
            return 0;
        }
        errorWire.wrap(fields.buffer, fields.errorOffset, fields.errorLength);
        int code = 0;
        while (errorWire.hasRemaining())
        {
            final long tag = errorWire.readVarint();
            if (tag == ((long)ERROR_CODE << 3 | WIRE_VARINT))
            {
                code = (int)errorWire.readVarint(); // a repeated field: the last value wins, as in protobuf
                if (!errorWire.lastVarintValid())
                {
                    return 0;
                }
            }
            else if (tag < 8 || tag > MAX_TAG || !errorWire.skip((int)tag & 7))
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
        return fields.errorOffset;
    }

    /**
     * @return length of the encoded {@code ErrorResponse}.
     */
    public int errorLength()
    {
        return fields.errorLength;
    }

    /**
     * @return true when the envelope carries a {@code traceparent} (W3C trace context).
     */
    public boolean hasTraceparent()
    {
        return fields.traceparentOffset >= 0;
    }

    /**
     * @return offset of the UTF-8 {@code traceparent}, or -1 when absent.
     */
    public int traceparentOffset()
    {
        return fields.traceparentOffset;
    }

    /**
     * @return length of the {@code traceparent} in bytes (0 when absent).
     */
    public int traceparentLength()
    {
        return fields.traceparentLength;
    }

    /**
     * @return true when the envelope carries a {@code tracestate}.
     */
    public boolean hasTracestate()
    {
        return fields.tracestateOffset >= 0;
    }

    /**
     * @return offset of the UTF-8 {@code tracestate}, or -1 when absent.
     */
    public int tracestateOffset()
    {
        return fields.tracestateOffset;
    }

    /**
     * @return length of the {@code tracestate} in bytes (0 when absent).
     */
    public int tracestateLength()
    {
        return fields.tracestateLength;
    }

    /**
     * @return how many metadata entries the envelope carries (after a failed wrap, as for every field: those read
     * before the failure); walk them with a {@link MetadataFlyweight}.
     */
    public int metadataCount()
    {
        return fields.metadataCount;
    }

    /**
     * @return offset of the first metadata field's tag (meaningful when {@link #metadataCount()} is positive).
     */
    int metadataStart()
    {
        return fields.metadataStart;
    }

    /**
     * @return offset just past the last metadata field.
     */
    int metadataLimit()
    {
        return fields.metadataLimit;
    }
}
