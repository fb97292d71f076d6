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
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.METADATA;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.PAYLOAD;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.REQUEST_ID;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.ROUTE_KEY;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TIMEOUT_MS;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TRACEPARENT;
import static dev.actr.codec.envelope.RpcEnvelopeFlyweight.TRACESTATE;

/**
 * Writes an {@code RpcEnvelope} straight into a buffer, in the same bytes protobuf-java would produce for
 * the same fields, without building a protobuf object. Call the field methods in field-number order —
 * {@link #routeKey} (1), {@link #payload} (2), {@link #error} (3), {@link #direction} (4), {@link #traceparent}
 * (100), {@link #tracestate} (101), {@link #requestId} (102), {@link #metadataEntry} (103, once per entry, in the
 * entries' order), {@link #timeoutMs} (104) — skipping the optional ones not present; the caller ensures the buffer
 * has room ({@link #maxLength} gives an upper bound).
 *
 * <p>Text fields are taken as UTF-8 bytes from a buffer, or as a {@link CharSequence} encoded in place (no
 * allocation; the same bytes protobuf-java writes for that text, see {@link #utf8Length}).
 *
 * <p>NOT thread safe: one instance per encoding thread.
 */
public final class RpcEnvelopeEncoder
{
    private static final int MAX_HEADER_OVERHEAD = 64;
    /** Tag (2 bytes for fields 100..104) and a length varint of up to 5 bytes. */
    private static final int MAX_TRACE_FIELD_OVERHEAD = 2 + 5;
    /** The entry's tag and length (2 + 5), then key and value, each with a 1-byte tag and up to 5 length bytes. */
    private static final int MAX_METADATA_ENTRY_OVERHEAD = 2 + 5 + 2 * (1 + 5);
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
     * Like {@link #maxLength(int, int, int, int)}, for an envelope that also carries trace context and metadata.
     *
     * @param routeKeyLength     bytes of the route key.
     * @param payloadLength      bytes of the payload.
     * @param requestIdLength    bytes of the request id.
     * @param errorMessageLength bytes of the error message, 0 if none.
     * @param traceparentLength  bytes of the traceparent, 0 if none.
     * @param tracestateLength   bytes of the tracestate, 0 if none.
     * @param metadataEntries    number of metadata entries.
     * @param metadataLength     bytes of all metadata keys and values together.
     * @return an upper bound on the encoded length.
     */
    public static int maxLength(
        final int routeKeyLength, final int payloadLength, final int requestIdLength, final int errorMessageLength,
        final int traceparentLength, final int tracestateLength, final int metadataEntries, final int metadataLength)
    {
        return maxLength(routeKeyLength, payloadLength, requestIdLength, errorMessageLength) +
            2 * MAX_TRACE_FIELD_OVERHEAD + traceparentLength + tracestateLength +
            metadataEntries * MAX_METADATA_ENTRY_OVERHEAD + metadataLength;
    }

    /**
     * @param text to be written by one of the {@link CharSequence} methods.
     * @return the number of UTF-8 bytes it takes: protobuf-java's, with {@code '?'} for an unpaired surrogate. At
     * most three per {@code char}.
     */
    public static int utf8Length(final CharSequence text)
    {
        return Utf8.encodedLength(text);
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
     * @param source       holding the UTF-8 W3C {@code traceparent}.
     * @param sourceOffset of the traceparent.
     * @param length       of the traceparent.
     * @return this.
     */
    public RpcEnvelopeEncoder traceparent(final DirectBuffer source, final int sourceOffset, final int length)
    {
        return bytesField(TRACEPARENT, source, sourceOffset, length);
    }

    /**
     * @param traceparent the W3C {@code traceparent}, encoded as UTF-8 in place.
     * @return this.
     */
    public RpcEnvelopeEncoder traceparent(final CharSequence traceparent)
    {
        return textField(TRACEPARENT, traceparent);
    }

    /**
     * @param source       holding the UTF-8 W3C {@code tracestate}.
     * @param sourceOffset of the tracestate.
     * @param length       of the tracestate.
     * @return this.
     */
    public RpcEnvelopeEncoder tracestate(final DirectBuffer source, final int sourceOffset, final int length)
    {
        return bytesField(TRACESTATE, source, sourceOffset, length);
    }

    /**
     * @param tracestate the W3C {@code tracestate}, encoded as UTF-8 in place.
     * @return this.
     */
    public RpcEnvelopeEncoder tracestate(final CharSequence tracestate)
    {
        return textField(TRACESTATE, tracestate);
    }

    /**
     * Write one metadata entry. Call after {@link #requestId} and before {@link #timeoutMs}, once per entry.
     *
     * @param key         holding the UTF-8 key.
     * @param keyOffset   of the key.
     * @param keyLength   of the key.
     * @param value       holding the UTF-8 value.
     * @param valueOffset of the value.
     * @param valueLength of the value.
     * @return this.
     */
    public RpcEnvelopeEncoder metadataEntry(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        metadataEntryHeader(keyLength, valueLength);
        bytesField(MetadataFlyweight.KEY, key, keyOffset, keyLength);
        return bytesField(MetadataFlyweight.VALUE, value, valueOffset, valueLength);
    }

    /**
     * Write one metadata entry from text, encoded as UTF-8 in place. Call after {@link #requestId} and before
     * {@link #timeoutMs}, once per entry.
     *
     * @param key   of the entry.
     * @param value of the entry.
     * @return this.
     */
    public RpcEnvelopeEncoder metadataEntry(final CharSequence key, final CharSequence value)
    {
        final int keyLength = Utf8.encodedLength(key);
        final int valueLength = Utf8.encodedLength(value);
        metadataEntryHeader(keyLength, valueLength);
        textField(MetadataFlyweight.KEY, key, keyLength);
        return textField(MetadataFlyweight.VALUE, value, valueLength);
    }

    /**
     * Copy the entry a {@link MetadataFlyweight} is positioned on (forwarding a received envelope's metadata).
     *
     * @param entry positioned on an entry by {@link MetadataFlyweight#next()}.
     * @return this.
     */
    public RpcEnvelopeEncoder metadataEntry(final MetadataFlyweight entry)
    {
        return metadataEntry(entry.buffer(), entry.keyOffset(), entry.keyLength(),
            entry.buffer(), entry.valueOffset(), entry.valueLength());
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

    private void metadataEntryHeader(final int keyLength, final int valueLength)
    {
        position += putVarint(buffer, position, tag(METADATA, WIRE_LEN));
        position += putVarint(buffer, position,
            1 + varintLength(keyLength) + keyLength + 1 + varintLength(valueLength) + valueLength);
    }

    private RpcEnvelopeEncoder textField(final int field, final CharSequence text)
    {
        return textField(field, text, Utf8.encodedLength(text));
    }

    private RpcEnvelopeEncoder textField(final int field, final CharSequence text, final int utf8Length)
    {
        position += putVarint(buffer, position, tag(field, WIRE_LEN));
        position += putVarint(buffer, position, utf8Length);
        position += Utf8.put(buffer, position, text);
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
