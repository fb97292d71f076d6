package dev.actr.codec.envelope;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static dev.actr.codec.envelope.ProtoWire.WIRE_LEN;
import static dev.actr.codec.envelope.ProtoWire.WIRE_VARINT;
import static dev.actr.codec.envelope.ProtoWire.putVarint;
import static dev.actr.codec.envelope.ProtoWire.tag;
import static dev.actr.codec.envelope.ProtoWire.varintLength;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.DIRECTION;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ERROR_CODE;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ERROR_FIELD;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.PAYLOAD;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.REQUEST_ID;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ROUTE_KEY;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TIMEOUT_MS;

/**
 * Writes an {@code RpcEnvelope} straight into a buffer, in the same bytes protobuf-java would produce for
 * the same fields, without building a protobuf object. Call the field methods in field-number order —
 * {@link #routeKey}, {@link #payload}, {@link #error}, {@link #direction}, {@link #requestId},
 * {@link #timeoutMs} — skipping the optional ones not present; the caller ensures the buffer has room
 * ({@link #maxLength} gives an upper bound).
 *
 * <p>NOT thread safe: one instance per encoding thread.
 */
public final class RpcEnvelopeEncoder
{
    private static final int MAX_HEADER_OVERHEAD = 64;
    private static final int ERROR_MESSAGE = 2;

    private MutableDirectBuffer buffer;
    private int offset;
    private int position;

    /**
     * @param routeKeyLength bytes of the route key.
     * @param payloadLength  bytes of the payload.
     * @param requestIdLength bytes of the request id (at most 20 for a correlation id).
     * @param errorMessageLength bytes of the error message, 0 if none.
     * @return an upper bound on the encoded length.
     */
    public static int maxLength(
        final int routeKeyLength, final int payloadLength, final int requestIdLength, final int errorMessageLength)
    {
        return MAX_HEADER_OVERHEAD + routeKeyLength + payloadLength + requestIdLength + errorMessageLength;
    }

    /**
     * Start an envelope.
     *
     * @param buffer to write into.
     * @param offset at which the envelope starts.
     * @return this.
     */
    public RpcEnvelopeEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.position = offset;
        return this;
    }

    /**
     * @param source holding the UTF-8 route key.
     * @param sourceOffset of the route key.
     * @param length of the route key.
     * @return this.
     */
    public RpcEnvelopeEncoder routeKey(final DirectBuffer source, final int sourceOffset, final int length)
    {
        return bytesField(ROUTE_KEY, source, sourceOffset, length);
    }

    /**
     * @param source holding the payload.
     * @param sourceOffset of the payload.
     * @param length of the payload.
     * @return this.
     */
    public RpcEnvelopeEncoder payload(final DirectBuffer source, final int sourceOffset, final int length)
    {
        return bytesField(PAYLOAD, source, sourceOffset, length);
    }

    /**
     * Write the payload field's header and leave room for {@code length} payload bytes, which the caller writes
     * at the returned offset (serializing a message in place, with no intermediate copy).
     *
     * @param length of the payload.
     * @return offset in the buffer at which the payload bytes go.
     */
    public int reservePayload(final int length)
    {
        position += putVarint(buffer, position, tag(PAYLOAD, WIRE_LEN));
        position += putVarint(buffer, position, length);
        final int payloadOffset = position;
        position += length;
        return payloadOffset;
    }

    /**
     * @param code          the error code.
     * @param message       holding the UTF-8 message.
     * @param messageOffset of the message.
     * @param messageLength of the message.
     * @return this.
     */
    public RpcEnvelopeEncoder error(
        final int code, final DirectBuffer message, final int messageOffset, final int messageLength)
    {
        final long unsignedCode = code & 0xFFFF_FFFFL;
        final int nestedLength = 1 + varintLength(unsignedCode) + 1 + varintLength(messageLength) + messageLength;
        position += putVarint(buffer, position, tag(ERROR_FIELD, WIRE_LEN));
        position += putVarint(buffer, position, nestedLength);
        position += putVarint(buffer, position, tag(ERROR_CODE, WIRE_VARINT));
        position += putVarint(buffer, position, unsignedCode);
        return bytesField(ERROR_MESSAGE, message, messageOffset, messageLength);
    }

    /**
     * @param direction wire number of the direction.
     * @return this.
     */
    public RpcEnvelopeEncoder direction(final int direction)
    {
        position += putVarint(buffer, position, tag(DIRECTION, WIRE_VARINT));
        position += putVarint(buffer, position, direction);
        return this;
    }

    /**
     * Write the request id as the decimal digits of a correlation id.
     *
     * @param correlationId a non-negative correlation id.
     * @return this.
     */
    public RpcEnvelopeEncoder requestId(final long correlationId)
    {
        if (correlationId < 0)
        {
            throw new IllegalArgumentException("correlationId must be >= 0: " + correlationId);
        }
        final int digits = decimalDigits(correlationId);
        position += putVarint(buffer, position, tag(REQUEST_ID, WIRE_LEN));
        position += putVarint(buffer, position, digits);
        long remaining = correlationId;
        for (int i = digits - 1; i >= 0; i--)
        {
            buffer.putByte(position + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        position += digits;
        return this;
    }

    /**
     * Write the request id as given bytes (echoing a foreign id in a response).
     *
     * @param source holding the id.
     * @param sourceOffset of the id.
     * @param length of the id.
     * @return this.
     */
    public RpcEnvelopeEncoder requestId(final DirectBuffer source, final int sourceOffset, final int length)
    {
        return bytesField(REQUEST_ID, source, sourceOffset, length);
    }

    /**
     * @param timeoutMs the deadline budget; 0 for anything but a request.
     * @return this.
     */
    public RpcEnvelopeEncoder timeoutMs(final long timeoutMs)
    {
        position += putVarint(buffer, position, tag(TIMEOUT_MS, WIRE_VARINT));
        position += putVarint(buffer, position, timeoutMs);
        return this;
    }

    /**
     * @return bytes written since {@link #wrap}.
     */
    public int encodedLength()
    {
        return position - offset;
    }

    private RpcEnvelopeEncoder bytesField(
        final int field, final DirectBuffer source, final int sourceOffset, final int length)
    {
        position += putVarint(buffer, position, tag(field, WIRE_LEN));
        position += putVarint(buffer, position, length);
        buffer.putBytes(position, source, sourceOffset, length);
        position += length;
        return this;
    }

    private static int decimalDigits(final long value)
    {
        int digits = 1;
        long remaining = value / 10;
        while (remaining != 0)
        {
            digits++;
            remaining /= 10;
        }
        return digits;
    }
}
