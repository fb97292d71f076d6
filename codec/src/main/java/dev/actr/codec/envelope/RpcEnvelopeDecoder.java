package dev.actr.codec.envelope;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.DirectBuffer;

/**
 * Decodes an {@link RpcEnvelope} from bytes and checks the protocol's rules: required fields present,
 * a known direction, {@code timeout_ms > 0} exactly when the direction is REQUEST. Never throws for bad input.
 *
 * <p>NOT thread safe: one instance per decoding thread.
 */
public final class RpcEnvelopeDecoder
{
    private final int maxLength;
    private final byte[] scratch;
    private RpcEnvelope envelope;

    /**
     * @param maxLength largest encoded envelope accepted.
     */
    public RpcEnvelopeDecoder(final int maxLength)
    {
        if (maxLength < 0)
        {
            throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
        }
        this.maxLength = maxLength;
        this.scratch = new byte[Math.min(maxLength, 64 * 1024)];
    }

    /**
     * @param buffer holding the encoded envelope.
     * @param offset of the envelope.
     * @param length of the envelope.
     * @return {@link CodecStatus#OK} with {@link #envelope()} set, or the rule the bytes break.
     */
    public CodecStatus decode(final DirectBuffer buffer, final int offset, final int length)
    {
        envelope = null;
        if (length < 0 || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        if (length > maxLength)
        {
            return CodecStatus.OVERSIZE;
        }
        final byte[] bytes = length <= scratch.length ? scratch : new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        final RpcEnvelope parsed;
        try
        {
            parsed = RpcEnvelope.parser().parseFrom(bytes, 0, length);
        }
        catch (final InvalidProtocolBufferException | RuntimeException ex)
        {
            return CodecStatus.MALFORMED_MESSAGE;
        }
        final CodecStatus status = validate(parsed);
        if (status == CodecStatus.OK)
        {
            envelope = parsed;
        }
        return status;
    }

    /**
     * @param envelope to check against the protocol's rules beyond protobuf's own.
     * @return {@link CodecStatus#OK} or the rule it breaks.
     */
    public static CodecStatus validate(final RpcEnvelope envelope)
    {
        final Direction direction = envelope.getDirection();
        if (!envelope.hasDirection() || direction == Direction.UNSPECIFIED)
        {
            return CodecStatus.INVALID_DIRECTION;
        }
        final boolean isRequest = direction == Direction.REQUEST;
        if (isRequest != envelope.getTimeoutMs() > 0 || envelope.getTimeoutMs() < 0)
        {
            return CodecStatus.INVALID_DEADLINE;
        }
        return CodecStatus.OK;
    }

    /**
     * @return the envelope of the last successful {@link #decode}, else {@code null}.
     */
    public RpcEnvelope envelope()
    {
        return envelope;
    }
}
