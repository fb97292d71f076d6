package dev.actr.engine.internal.router;

import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.stream.StreamRegistry;
import org.agrona.DirectBuffer;

/**
 * Queues an arriving data chunk on its stream and counts what was dropped and why.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class ChunkIntake
{
    private final StreamRegistry streams;
    private final SystemCounters counters;

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
     */
    public void offer(final int targetIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (streams.offer(targetIndex, buffer, offset, length))
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
