package dev.actr.codec.fragment;

import java.util.Arrays;

/**
 * Fixed-size byte blocks that hold the fragment bytes of partial messages ({@link PartialMessage} appends a
 * message's fragments into a chain of them). A block is allocated only while no free one is left and is kept for
 * reuse afterwards, so a reassembler in steady state allocates nothing, and the pool never holds more blocks than
 * the most that were in use at once.
 *
 * <p>NOT thread safe.
 */
final class FragmentBlockPool
{
    /** Bytes per block: a power of two. */
    static final int BLOCK_LENGTH = 4096;
    /** {@code log2(BLOCK_LENGTH)}: a byte position's block index is {@code position >>> BLOCK_SHIFT}. */
    static final int BLOCK_SHIFT = 12;
    /** A byte position's offset in its block is {@code position & BLOCK_MASK}. */
    static final int BLOCK_MASK = BLOCK_LENGTH - 1;

    private byte[][] free = new byte[16][];
    private int freeCount;
    private int allocated;

    byte[] acquire()
    {
        if (freeCount > 0)
        {
            final byte[] block = free[--freeCount];
            free[freeCount] = null;
            return block;
        }
        allocated++;
        if (allocated > free.length)
        {
            free = Arrays.copyOf(free, 2 * free.length);   // room to take back every block ever allocated
        }
        return new byte[BLOCK_LENGTH];
    }

    void release(final byte[] block)
    {
        free[freeCount++] = block;
    }

    /**
     * @return blocks allocated so far, in use or free.
     */
    int allocated()
    {
        return allocated;
    }
}
