package dev.actr.engine.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Layout of the 64-bit correlation ids this node puts in the request id of its calls and tells (as canonical
 * decimal text on the wire). Ids of the engine thread and of host threads come from two sequences, so that a
 * replay of the same inputs hands out the same engine ids whatever the host did; a durable node starts each run's
 * sequences at a base of its own ({@link #baseOf(long)}), so that no run reuses an id of an earlier one.
 *
 * <pre>
 *   6 6 6 5                                     4 4
 *   3 2 1 0 ...                                 1 0 ...                                       1 0
 *  +-+-+-------------------------------------------+------------------------------------------+-+
 *  |0|0|        run (incarnation), 21 bits         |        sequence within the run           |H|
 *  +-+-+-------------------------------------------+------------------------------------------+-+
 *  H: 1 for an id handed out by a host thread, 0 for one handed out by the engine thread.
 * </pre>
 */
public final class CorrelationIdDescriptor
{
    /** Sequence numbers of one run: 2^40 per sequence before it would reach the next run's. */
    public static final int RUN_SHIFT = 40;
    /** Largest run number a directory may count to. */
    public static final long MAX_RUN = (1L << (62 - RUN_SHIFT)) - 1;

    private CorrelationIdDescriptor()
    {
    }

    /**
     * @param run the run (incarnation) number of a durable node, 0 for an in-memory one.
     * @return the value both sequences start after.
     */
    public static long baseOf(final long run)
    {
        return run << RUN_SHIFT;
    }

    /**
     * @param sequence the engine sequence after the increment.
     * @return the engine-thread id (even).
     */
    public static long engineId(final long sequence)
    {
        return sequence << 1;
    }

    /**
     * @param hostSequence the node's shared host sequence.
     * @return the next host-thread id (odd); any thread.
     */
    public static long nextHostId(final AtomicLong hostSequence)
    {
        return hostSequence.incrementAndGet() << 1 | 1;
    }

    /**
     * @param correlationId an id of this node.
     * @return true when a host thread handed it out.
     */
    public static boolean isHostId(final long correlationId)
    {
        return (correlationId & 1) == 1;
    }
}
