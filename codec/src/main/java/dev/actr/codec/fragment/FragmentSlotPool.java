package dev.actr.codec.fragment;

/**
 * Fixed-size byte arrays that hold one fragment payload each. Arrays are allocated only while the free stack
 * is empty and are kept for reuse, so a reassembler in steady state allocates nothing, and the pool never
 * holds more arrays than the most that were in use at once.
 */
final class FragmentSlotPool
{
    private final int slotLength;
    private final byte[][] free;
    private int freeCount;
    private int allocated;

    FragmentSlotPool(final int slotLength, final int maxSlots)
    {
        this.slotLength = slotLength;
        this.free = new byte[maxSlots][];
    }

    byte[] acquire()
    {
        if (freeCount > 0)
        {
            final byte[] slot = free[--freeCount];
            free[freeCount] = null;
            return slot;
        }
        allocated++;
        return new byte[slotLength];
    }

    void release(final byte[] slot)
    {
        if (freeCount < free.length)
        {
            free[freeCount++] = slot;
        }
        else
        {
            allocated--;
        }
    }

    int allocated()
    {
        return allocated;
    }

    int slotLength()
    {
        return slotLength;
    }
}
