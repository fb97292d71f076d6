package dev.actr.engine.internal.payload;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.agrona.DirectBuffer;

/**
 * Decodes protobuf messages straight from an Agrona buffer's backing array (copied when it has none): the path for
 * payloads longer than a {@link PayloadDecoder}'s scratch array.
 */
final class Payloads
{
    private Payloads()
    {
    }

    /**
     * @param parser of the message.
     * @param buffer holding the encoded message.
     * @param offset of the message.
     * @param length of the message.
     * @param <T>    message type.
     * @return the message.
     * @throws InvalidProtocolBufferException when the bytes do not parse.
     */
    static <T> T parse(final Parser<T> parser, final DirectBuffer buffer, final int offset, final int length)
        throws InvalidProtocolBufferException
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            return parser.parseFrom(array, buffer.wrapAdjustment() + offset, length);
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return parser.parseFrom(copy);
    }
}
