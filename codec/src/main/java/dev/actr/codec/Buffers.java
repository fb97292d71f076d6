package dev.actr.codec;

import org.agrona.DirectBuffer;

/**
 * Small allocation-free operations over Agrona buffers that Agrona itself lacks.
 */
public final class Buffers
{
    private Buffers()
    {
    }

    /**
     * @param a       first buffer.
     * @param aOffset offset in the first buffer.
     * @param b       second buffer.
     * @param bOffset offset in the second buffer.
     * @param length  bytes to compare.
     * @return true when the two ranges hold the same bytes.
     */
    public static boolean equals(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
