package dev.actr.engine.internal.egress;

import com.google.protobuf.MessageLite;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.internal.payload.PayloadEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes outbound envelopes and chunks into reused buffers, allocation-free for ASCII error texts: requests and
 * tells, responses (with a message or raw bytes) and error responses go to {@link #frame()}, chunks to
 * {@link #payload()}. Each encode overwrites the last.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class EnvelopeWriter
{
    private static final int MAX_REQUEST_ID_DIGITS = 20;

    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final PayloadEncoder payloadEncoder = new PayloadEncoder();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer text = new ExpandableArrayBuffer(128);

    /**
     * Encode a REQUEST (timeout > 0) or a TELL (timeout 0) into {@link #frame()}.
     *
     * @param routeKey      UTF-8 route key bytes (the whole buffer).
     * @param correlationId the request id.
     * @param timeoutMs     budget on the wire.
     * @param message       the request or tell message.
     * @return length of the frame.
     */
    public int request(final DirectBuffer routeKey, final long correlationId, final long timeoutMs,
        final MessageLite message)
    {
        final int payloadLength = serialize(message);
        frame.checkLimit(RpcEnvelopeEncoder.maxLength(routeKey.capacity(), payloadLength, MAX_REQUEST_ID_DIGITS, 0));
        return encoder.wrap(frame, 0)
            .routeKey(routeKey, 0, routeKey.capacity())
            .payload(payload, 0, payloadLength)
            .direction(timeoutMs > 0 ? Direction.REQUEST_VALUE : Direction.TELL_VALUE)
            .requestId(correlationId)
            .timeoutMs(timeoutMs)
            .encodedLength();
    }

    /**
     * Encode a chunk into {@link #payload()}.
     *
     * @param chunk the DataChunk message.
     * @return its length.
     */
    public int chunk(final MessageLite chunk)
    {
        return serialize(chunk);
    }

    /**
     * Encode a RESPONSE carrying a message into {@link #frame()}.
     *
     * @param routeKey        buffer holding the request's route key.
     * @param routeKeyOffset  of the key.
     * @param routeKeyLength  of the key.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param message         the response message.
     * @return length of the frame.
     */
    public int encodeResponse(
        final DirectBuffer routeKey,
        final int routeKeyOffset,
        final int routeKeyLength,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final MessageLite message)
    {
        final int length = serialize(message);
        return encodeResponse(routeKey, routeKeyOffset, routeKeyLength, requestId, requestIdOffset, requestIdLength,
            payload, 0, length);
    }

    /**
     * Encode a RESPONSE carrying payload bytes into {@link #frame()}.
     *
     * @param routeKey        buffer holding the request's route key.
     * @param routeKeyOffset  of the key.
     * @param routeKeyLength  of the key.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param body            payload bytes.
     * @param bodyOffset      of the payload.
     * @param bodyLength      of the payload.
     * @return length of the frame.
     */
    public int encodeResponse(
        final DirectBuffer routeKey,
        final int routeKeyOffset,
        final int routeKeyLength,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        frame.checkLimit(RpcEnvelopeEncoder.maxLength(routeKeyLength, bodyLength, requestIdLength, 0));
        return encoder.wrap(frame, 0)
            .routeKey(routeKey, routeKeyOffset, routeKeyLength)
            .payload(body, bodyOffset, bodyLength)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(requestId, requestIdOffset, requestIdLength)
            .timeoutMs(0)
            .encodedLength();
    }

    /**
     * Encode a RESPONSE carrying an {@code ErrorResponse} into {@link #frame()}.
     *
     * @param routeKey        buffer holding the request's route key.
     * @param routeKeyOffset  of the key.
     * @param routeKeyLength  of the key.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param errorCode       the error code.
     * @param message         the error message.
     * @return length of the frame.
     */
    public int encodeError(
        final DirectBuffer routeKey,
        final int routeKeyOffset,
        final int routeKeyLength,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final int errorCode,
        final String message)
    {
        final int textLength = putText(text, message);
        frame.checkLimit(RpcEnvelopeEncoder.maxLength(routeKeyLength, 0, requestIdLength, textLength));
        return encoder.wrap(frame, 0)
            .routeKey(routeKey, routeKeyOffset, routeKeyLength)
            .error(errorCode, text, 0, textLength)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(requestId, requestIdOffset, requestIdLength)
            .timeoutMs(0)
            .encodedLength();
    }

    /**
     * @return the buffer the last envelope was encoded into, from offset 0.
     */
    public DirectBuffer frame()
    {
        return frame;
    }

    /**
     * @return the buffer the last chunk was encoded into, from offset 0.
     */
    public DirectBuffer payload()
    {
        return payload;
    }

    private int serialize(final MessageLite message)
    {
        final int length = message.getSerializedSize();
        payload.checkLimit(length);
        try
        {
            payloadEncoder.encode(message, length, payload, 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return length;
    }

    private static int putText(final MutableDirectBuffer buffer, final String message)
    {
        for (int i = 0, length = message.length(); i < length; i++)
        {
            if (message.charAt(i) >= 0x80)
            {
                final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                buffer.putBytes(0, bytes);
                return bytes.length;
            }
        }
        return buffer.putStringWithoutLengthAscii(0, message);
    }
}
