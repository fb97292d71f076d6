package dev.actr.codec.fragment;

/**
 * The fragments of one message received so far, kept in an age-ordered list by the {@link Reassembler}.
 * Pooled: small slot arrays are kept for reuse, large ones dropped so the pool stays small.
 */
final class PartialMessage
{
    /** Bookkeeping accounted per partial message, besides its slot array. */
    static final int OVERHEAD_BYTES = 64;
    private static final int MAX_POOLED_SLOTS = 256;

    int msgId;
    int totalFrags;
    int receivedFrags;
    long messageLength;
    long firstArrivalNs;
    byte[][] slots;
    int[] lengths;
    PartialMessage older;
    PartialMessage newer;

    void init(final int msgId, final int totalFrags, final long nowNs)
    {
        this.msgId = msgId;
        this.totalFrags = totalFrags;
        this.receivedFrags = 0;
        this.messageLength = 0;
        this.firstArrivalNs = nowNs;
        if (slots == null || slots.length < totalFrags)
        {
            slots = new byte[totalFrags][];
            lengths = new int[totalFrags];
        }
    }

    static long accountedBytes(final int totalFrags)
    {
        return OVERHEAD_BYTES + (long)totalFrags * (Long.BYTES + Integer.BYTES);
    }

    boolean has(final int fragIndex)
    {
        return slots[fragIndex] != null;
    }

    void put(final int fragIndex, final byte[] slot, final int length)
    {
        slots[fragIndex] = slot;
        lengths[fragIndex] = length;
        receivedFrags++;
        messageLength += length;
    }

    boolean isComplete()
    {
        return receivedFrags == totalFrags;
    }

    /**
     * Forget the fragments (the caller has returned their slots) and drop an array too large to pool.
     */
    void clear()
    {
        for (int i = 0; i < totalFrags; i++)
        {
            slots[i] = null;
        }
        if (slots.length > MAX_POOLED_SLOTS)
        {
            slots = null;
            lengths = null;
        }
        older = null;
        newer = null;
    }
}
