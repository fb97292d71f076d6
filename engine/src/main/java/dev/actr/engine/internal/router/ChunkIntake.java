package dev.actr.engine.internal.router;

import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.stream.StreamRegistry;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Queues an arriving data chunk on its stream and counts what was dropped and why. A chunk of a peer for a full
 * reliable stream is not dropped: it is held here, and the router stops taking frames from the ring until the
 * stream has room again — the ring fills, the lane is back-pressured and stops reading, and the peer's sends are
 * back-pressured in turn. So a reliable stream between nodes loses nothing, in bounded memory. (In-process senders
 * take a credit before they send, so their chunks always have room.)
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class ChunkIntake
{
    private final StreamRegistry streams;
    private final SystemCounters counters;
    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(1024);
    private int heldTarget;
    private int heldLength = -1;

    /**
     * @param streams  the stream registry.
     * @param counters system counters.
     */
    public ChunkIntake(final StreamRegistry streams, final SystemCounters counters)
    {
        this.streams = streams;
        this.counters = counters;
    }

    /**
     * @param targetIndex receiving actor, or -1 for the actor that registered the chunk's stream.
     * @param buffer      holding the encoded DataChunk.
     * @param offset      of the chunk.
     * @param length      of the chunk.
     * @param remote      whether it came from a peer (held rather than dropped when its reliable stream is full).
     * @return false when the chunk was held: take no more frames from the ring until {@link #releaseHeld()}.
     */
    public boolean offer(final int targetIndex, final DirectBuffer buffer, final int offset, final int length,
        final boolean remote)
    {
        final int result = streams.offer(targetIndex, buffer, offset, length);
        if (result == StreamRegistry.FULL && remote)
        {
            held.putBytes(0, buffer, offset, length);
            heldTarget = targetIndex;
            heldLength = length;
            counters.increment(SystemCounter.CHUNKS_HELD);
            return false;
        }
        count(result);
        return true;
    }

    /**
     * Offer the held chunk again.
     *
     * @return true when nothing is held any more (the ring may be polled).
     */
    public boolean releaseHeld()
    {
        if (heldLength < 0)
        {
            return true;
        }
        final int result = streams.offer(heldTarget, held, 0, heldLength);
        if (result == StreamRegistry.FULL)
        {
            return false;
        }
        heldLength = -1;
        count(result);
        return true;
    }

    private void count(final int result)
    {
        switch (result)
        {
            case StreamRegistry.QUEUED:
                break;
            case StreamRegistry.QUEUED_DROPPED_OLDEST:
            case StreamRegistry.OUT_OF_ORDER:
            case StreamRegistry.FULL:
                counters.increment(SystemCounter.CHUNKS_DROPPED);
                break;
            case StreamRegistry.UNKNOWN_STREAM:
                counters.increment(SystemCounter.CHUNKS_UNKNOWN_STREAM);
                break;
            default:
                counters.increment(SystemCounter.FRAMES_MALFORMED);
                break;
        }
    }
}
