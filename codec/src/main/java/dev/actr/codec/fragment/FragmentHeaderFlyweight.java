package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static dev.actr.codec.fragment.FragmentDescriptor.FRAG_INDEX_OFFSET;
import static dev.actr.codec.fragment.FragmentDescriptor.HEADER_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_LENGTH;
import static dev.actr.codec.fragment.FragmentDescriptor.MSG_ID_OFFSET;
import static dev.actr.codec.fragment.FragmentDescriptor.TOTAL_FRAGS_OFFSET;

/**
 * Reads and writes the fragment header of {@link FragmentDescriptor} in place. Decoding validates every
 * rule of the header and never throws for bad input; nothing is allocated.
 *
 * <p>NOT thread safe.
 */
public final class FragmentHeaderFlyweight
{
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * Wrap one DataChannel message and check its header.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return {@link CodecStatus#OK} or the rule the header breaks.
     */
    public CodecStatus wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = 0;
        if (length < HEADER_LENGTH || offset < 0 || offset > buffer.capacity() - length)
        {
            return CodecStatus.TRUNCATED;
        }
        if (length > MAX_FRAGMENT_LENGTH)
        {
            return CodecStatus.OVERSIZE;
        }
        this.length = length;
        final int total = totalFrags();
        if (total == 0)
        {
            return CodecStatus.ZERO_TOTAL_FRAGMENTS;
        }
        if (fragIndex() >= total)
        {
            return CodecStatus.FRAGMENT_INDEX_OUT_OF_RANGE;
        }
        if (total > 1 && length == HEADER_LENGTH)
        {
            return CodecStatus.EMPTY_FRAGMENT;
        }
        return CodecStatus.OK;
    }

    /**
     * @return the message id, as the u32 bits in an int.
     */
    public int msgId()
    {
        return buffer.getInt(offset + MSG_ID_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * @return the fragment index, 0-based.
     */
    public int fragIndex()
    {
        return buffer.getShort(offset + FRAG_INDEX_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the number of fragments of the message.
     */
    public int totalFrags()
    {
        return buffer.getShort(offset + TOTAL_FRAGS_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the buffer last wrapped.
     */
    DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the fragment payload in the wrapped buffer.
     */
    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * @return length of the fragment payload.
     */
    public int payloadLength()
    {
        return length - HEADER_LENGTH;
    }

    /**
     * Copy the fragment payload into the start of {@code destination}.
     *
     * @param destination at least {@link #payloadLength()} long.
     */
    public void getPayload(final byte[] destination)
    {
        buffer.getBytes(payloadOffset(), destination, 0, payloadLength());
    }

    /**
     * Write a fragment header.
     *
     * @param buffer     to write into.
     * @param offset     of the header.
     * @param msgId      message id (u32 bits).
     * @param fragIndex  0-based fragment index.
     * @param totalFrags number of fragments.
     */
    public static void encode(
        final MutableDirectBuffer buffer, final int offset, final int msgId, final int fragIndex, final int totalFrags)
    {
        buffer.putInt(offset + MSG_ID_OFFSET, msgId, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + FRAG_INDEX_OFFSET, (short)fragIndex, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + TOTAL_FRAGS_OFFSET, (short)totalFrags, ByteOrder.BIG_ENDIAN);
    }
}
