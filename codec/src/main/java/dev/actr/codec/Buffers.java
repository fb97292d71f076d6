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

    /** FNV-1a offset basis, the seed of {@link #hash(long, DirectBuffer, int, int)} for a plain hash. */
    public static final long HASH_SEED = 0xcbf29ce484222325L;

    /**
     * 64-bit FNV-1a of a range of bytes: cheap, allocation-free, good enough to key hash maps by route keys,
     * stream ids and request ids (callers compare the bytes on a hit).
     *
     * @param seed   {@link #HASH_SEED}, or it mixed with something else that is part of the key.
     * @param buffer holding the bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return the hash.
     */
    public static long hash(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = seed;
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i) & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
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
