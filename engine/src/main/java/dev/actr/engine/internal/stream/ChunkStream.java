package dev.actr.engine.internal.stream;

import dev.actr.codec.Buffers;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.StreamHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One registered stream: a bounded ring of chunk slots, in arrival order, never going back in sequence.
 */
final class ChunkStream
{
    final int actorIndex;
    final String streamId;
    final UnsafeBuffer streamIdBytes;
    final boolean reliable;
    final StreamHandler handler;
    private final ExpandableArrayBuffer[] slots;
    private final int[] lengths;
    private long head;
    private long tail;
    int credits;
    long lastSequence = -1;
    boolean hasSequence;
    boolean scheduled;
    boolean removed;
    ChunkStream next;

    ChunkStream(
        final int actorIndex,
        final String streamId,
        final PayloadType payloadType,
        final StreamHandler handler,
        final int capacity)
    {
        this.actorIndex = actorIndex;
        this.streamId = streamId;
        this.streamIdBytes = new UnsafeBuffer(streamId.getBytes(StandardCharsets.UTF_8));
        this.reliable = payloadType != PayloadType.STREAM_LATENCY_FIRST;
        this.handler = handler;
        this.slots = new ExpandableArrayBuffer[capacity];
        this.lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new ExpandableArrayBuffer(128);
        }
    }

    int capacity()
    {
        return slots.length;
    }

    int size()
    {
        return (int)(tail - head);
    }

    boolean isFull()
    {
        return size() >= slots.length;
    }

    void dropOldest()
    {
        head++;
    }

    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = (int)(tail++ % slots.length);
        slots[index].putBytes(0, buffer, offset, length);
        lengths[index] = length;
    }

    ExpandableArrayBuffer peekBuffer()
    {
        return slots[(int)(head % slots.length)];
    }

    int peekLength()
    {
        return lengths[(int)(head % slots.length)];
    }

    void removeHead()
    {
        head++;
    }

    boolean matches(final int actorIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        return this.actorIndex == actorIndex && length == streamIdBytes.capacity() &&
            Buffers.equals(streamIdBytes, 0, buffer, offset, length);
    }
}
