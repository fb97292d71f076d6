package dev.actr.engine.internal.payload;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;

/**
 * Serialises protobuf messages into Agrona buffers through one {@link CodedOutputStream} kept over a scratch array:
 * each message is written after the previous one, then copied to its destination, and a new stream is made only
 * when the scratch array is used up (one small object per {@value #SCRATCH_BYTES} bytes of messages, instead of one
 * per message). Messages longer than the scratch array are written straight into the destination's array (or
 * through a copy when it has none).
 *
 * <p>NOT thread safe: one per thread.
 */
public final class PayloadEncoder
{
    /** Bytes of messages written through one stream. */
    static final int SCRATCH_BYTES = 64 * 1024;

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private CodedOutputStream output = CodedOutputStream.newInstance(scratch);

    /**
     * Write a message into a buffer.
     *
     * @param message     to write.
     * @param length      its serialised size ({@link MessageLite#getSerializedSize()}), which the caller has taken.
     * @param destination buffer with room for {@code length} bytes at {@code offset}.
     * @param offset      in the destination.
     * @throws IOException when the message does not write in {@code length} bytes.
     */
    public void encode(final MessageLite message, final int length, final MutableDirectBuffer destination,
        final int offset) throws IOException
    {
        if (length > SCRATCH_BYTES)
        {
            encodeLarge(message, length, destination, offset);
            return;
        }
        if (output.spaceLeft() < length)
        {
            output = CodedOutputStream.newInstance(scratch);
        }
        final int start = output.getTotalBytesWritten();
        try
        {
            message.writeTo(output);
        }
        catch (final IOException | RuntimeException ex)
        {
            output = CodedOutputStream.newInstance(scratch);
            throw ex;
        }
        final int written = output.getTotalBytesWritten() - start;
        if (written != length)
        {
            output = CodedOutputStream.newInstance(scratch);
            throw new IOException("message wrote " + written + " bytes, its serialised size says " + length);
        }
        destination.putBytes(offset, scratch, start, length);
    }

    private static void encodeLarge(final MessageLite message, final int length,
        final MutableDirectBuffer destination, final int offset) throws IOException
    {
        final byte[] array = destination.byteArray();
        if (array != null)
        {
            final CodedOutputStream direct =
                CodedOutputStream.newInstance(array, destination.wrapAdjustment() + offset, length);
            message.writeTo(direct);
            direct.checkNoSpaceLeft();
        }
        else
        {
            destination.putBytes(offset, message.toByteArray(), 0, length);
        }
    }
}
