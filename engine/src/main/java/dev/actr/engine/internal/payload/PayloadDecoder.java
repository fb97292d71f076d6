package dev.actr.engine.internal.payload;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.agrona.DirectBuffer;

/**
 * Parses protobuf messages out of Agrona buffers through one {@link CodedInputStream} kept over a scratch array:
 * each payload is copied into the array just ahead of the stream's position and parsed under a limit of its
 * length, and a new stream is made only when the array is used up or a parse failed (one small object per
 * {@value #SCRATCH_BYTES} bytes of payloads, instead of one per message). The stream never aliases the array
 * (bytes and strings are copied out), so the parsed message does not change when the array is reused. A payload
 * longer than the array is parsed from its own bytes.
 *
 * <p>The outcome is the same as {@link Parser#parseFrom(byte[], int, int)}: a message whose required fields are
 * missing, or whose bytes do not parse, or that ends inside a group, is an {@link InvalidProtocolBufferException}.
 *
 * <p>NOT thread safe: one per thread.
 */
public final class PayloadDecoder
{
    /** Bytes of payloads parsed through one stream. */
    static final int SCRATCH_BYTES = 64 * 1024;

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private CodedInputStream input = fresh();

    /**
     * Parse a payload.
     *
     * @param parser of the message.
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @param <T>    message type.
     * @return the message.
     * @throws InvalidProtocolBufferException when the bytes do not parse into a complete message.
     */
    public <T> T decode(final Parser<T> parser, final DirectBuffer buffer, final int offset, final int length)
        throws InvalidProtocolBufferException
    {
        if (length > SCRATCH_BYTES)
        {
            return Payloads.parse(parser, buffer, offset, length);
        }
        int position = input.getTotalBytesRead();
        if (SCRATCH_BYTES - position < length)
        {
            input = fresh();
            position = 0;
        }
        buffer.getBytes(offset, scratch, position, length);
        final int outerLimit = input.pushLimit(length);
        try
        {
            final T message = parser.parseFrom(input, ExtensionRegistryLite.getEmptyRegistry());
            input.checkLastTagWas(0);
            if (input.getBytesUntilLimit() != 0)
            {
                throw new InvalidProtocolBufferException("the message ended before its payload");
            }
            input.popLimit(outerLimit);
            return message;
        }
        catch (final InvalidProtocolBufferException | RuntimeException ex)
        {
            input = fresh();
            throw ex;
        }
    }

    private CodedInputStream fresh()
    {
        return CodedInputStream.newInstance(scratch, 0, SCRATCH_BYTES);
    }
}
