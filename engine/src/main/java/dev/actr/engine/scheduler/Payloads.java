package dev.actr.engine.scheduler;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.agrona.DirectBuffer;

/**
 * Decodes protobuf messages straight from an Agrona buffer's backing array.
 */
final class Payloads
{
    private Payloads()
    {
    }

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
