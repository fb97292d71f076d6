package dev.actr.engine.internal.stream;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.Buffers;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.DataChunkFlyweight;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.StreamHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Streams of data chunks by (actor, stream id). {@link #offer} queues an arriving chunk; {@link #deliver} hands
 * queued chunks to their handlers, round-robin across streams, in order within each.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class StreamRegistry
{
    /** {@link #offer} result: queued. */
    public static final int QUEUED = 0;
    /** {@link #offer} result: queued after dropping the stream's oldest chunk (latency-first). */
    public static final int QUEUED_DROPPED_OLDEST = 1;
    /** {@link #offer} result: not a well-formed chunk. */
    public static final int MALFORMED = -1;
    /** {@link #offer} result: no such stream. */
    public static final int UNKNOWN_STREAM = -2;
    /** {@link #offer} result: dropped, its sequence is not after the last one queued. */
    public static final int OUT_OF_ORDER = -3;
    /** {@link #offer} result: a reliable stream was full (the sender ignored its credits); dropped. */
    public static final int FULL = -4;

    /** Receives each chunk with its stream. */
    public interface Delivery
    {
        /**
         * @param actorIndex the receiving actor.
         * @param handler    the stream's handler.
         * @param chunk      the chunk.
         * @param encoded    the chunk as it arrived (valid only during the call).
         * @param length     of the encoded chunk.
         */
        void onChunk(int actorIndex, StreamHandler handler, DataChunk chunk, DirectBuffer encoded, int length);
    }

    private final Long2ObjectHashMap<ChunkStream> streams = new Long2ObjectHashMap<>();
    private final ArrayDeque<ChunkStream> ready = new ArrayDeque<>();
    private final DataChunkFlyweight flyweight = new DataChunkFlyweight();
    private final UnsafeBuffer nameBuffer = new UnsafeBuffer(new byte[0]);
    private final int capacity;
    private int maxActorIndex = -1;

    /**
     * @param capacity chunks each stream may hold.
     */
    public StreamRegistry(final int capacity)
    {
        this.capacity = capacity;
    }

    /**
     * @param actorIndex  receiving actor.
     * @param streamId    the stream.
     * @param payloadType STREAM_RELIABLE or STREAM_LATENCY_FIRST.
     * @param handler     for its chunks.
     */
    public void register(
        final int actorIndex, final String streamId, final PayloadType payloadType, final StreamHandler handler)
    {
        unregister(actorIndex, streamId);
        maxActorIndex = Math.max(maxActorIndex, actorIndex);
        final ChunkStream stream = new ChunkStream(actorIndex, streamId, payloadType, handler, capacity);
        final long key = key(actorIndex, stream.streamIdBytes, 0, stream.streamIdBytes.capacity());
        stream.next = streams.get(key);
        streams.put(key, stream);
    }

    /**
     * @param actorIndex receiving actor.
     * @param streamId   the stream; its queued chunks are discarded.
     */
    public void unregister(final int actorIndex, final String streamId)
    {
        final ChunkStream stream = find(actorIndex, streamId);
        if (stream == null)
        {
            return;
        }
        final long key = key(actorIndex, stream.streamIdBytes, 0, stream.streamIdBytes.capacity());
        ChunkStream head = streams.get(key);
        if (head == stream)
        {
            head = stream.next;
        }
        else
        {
            ChunkStream previous = head;
            while (previous.next != stream)
            {
                previous = previous.next;
            }
            previous.next = stream.next;
        }
        if (head == null)
        {
            streams.remove(key);
        }
        else
        {
            streams.put(key, head);
        }
        ready.remove(stream);
        stream.removed = true;
    }

    /**
     * @param actorIndex receiving actor.
     * @param streamId   the stream.
     * @return its handler, or null when the actor has no such stream.
     */
    public StreamHandler handlerOf(final int actorIndex, final String streamId)
    {
        final ChunkStream stream = find(actorIndex, streamId);
        return stream == null ? null : stream.handler;
    }

    /**
     * Take a credit on a reliable stream before sending it a chunk in-process.
     *
     * @param actorIndex receiving actor.
     * @param streamId   the stream.
     * @return {@link #QUEUED} when a credit was taken (or the stream is latency-first), {@link #FULL} when the
     * stream has no room, {@link #UNKNOWN_STREAM} when there is no such stream.
     */
    public int reserve(final int actorIndex, final String streamId)
    {
        final ChunkStream stream = find(actorIndex, streamId);
        if (stream == null)
        {
            return UNKNOWN_STREAM;
        }
        if (stream.reliable)
        {
            if (stream.size() + stream.credits >= stream.capacity())
            {
                return FULL;
            }
            stream.credits++;
        }
        return QUEUED;
    }

    /**
     * Give back a credit taken by {@link #reserve} when the chunk could not be sent after all.
     *
     * @param actorIndex receiving actor.
     * @param streamId   the stream.
     */
    public void release(final int actorIndex, final String streamId)
    {
        final ChunkStream stream = find(actorIndex, streamId);
        if (stream != null && stream.credits > 0)
        {
            stream.credits--;
        }
    }

    /**
     * Queue an arriving chunk.
     *
     * @param actorIndex receiving actor, or -1 for the first actor that registered the chunk's stream (a chunk
     *                   of a peer).
     * @param buffer     holding the encoded DataChunk.
     * @param offset     of the chunk.
     * @param length     of the chunk.
     * @return {@link #QUEUED}, {@link #QUEUED_DROPPED_OLDEST} or a negative reason it was dropped.
     */
    public int offer(final int actorIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        if (flyweight.wrap(buffer, offset, length) != CodecStatus.OK)
        {
            return MALFORMED;
        }
        final ChunkStream stream = actorIndex >= 0 ?
            find(actorIndex, buffer, flyweight.streamIdOffset(), flyweight.streamIdLength()) :
            findAny(buffer, flyweight.streamIdOffset(), flyweight.streamIdLength());
        if (stream == null)
        {
            return UNKNOWN_STREAM;
        }
        if (stream.reliable && stream.credits > 0)
        {
            stream.credits--;
        }
        if (stream.hasSequence && Long.compareUnsigned(flyweight.sequence(), stream.lastSequence) <= 0)
        {
            return OUT_OF_ORDER;
        }
        int result = QUEUED;
        if (stream.isFull())
        {
            if (stream.reliable)
            {
                return FULL;
            }
            stream.dropOldest();
            result = QUEUED_DROPPED_OLDEST;
        }
        stream.append(buffer, offset, length);
        stream.lastSequence = flyweight.sequence();
        stream.hasSequence = true;
        if (!stream.scheduled)
        {
            stream.scheduled = true;
            ready.addLast(stream);
        }
        return result;
    }

    /**
     * Hand up to {@code limit} queued chunks to their handlers, one per stream per turn.
     *
     * @param delivery to call with each chunk.
     * @param limit    most chunks to hand out.
     * @return chunks handed out.
     */
    public int deliver(final Delivery delivery, final int limit)
    {
        int delivered = 0;
        while (delivered < limit && !ready.isEmpty())
        {
            final ChunkStream stream = ready.pollFirst();
            final DirectBuffer encoded = stream.peekBuffer();
            final int length = stream.peekLength();
            try
            {
                final DataChunk chunk = DataChunk.parser().parseFrom(encoded.byteArray(), 0, length);
                delivered++;
                delivery.onChunk(stream.actorIndex, stream.handler, chunk, encoded, length);
            }
            catch (final InvalidProtocolBufferException ex)
            {
                throw new IllegalStateException("a queued chunk no longer parses", ex);
            }
            finally
            {
                stream.removeHead();
                requeue(stream);
            }
        }
        return delivered;
    }

    /**
     * @return chunks queued across all streams.
     */
    public int queued()
    {
        int total = 0;
        for (final ChunkStream stream : ready)
        {
            total += stream.size();
        }
        return total;
    }

    private void requeue(final ChunkStream stream)
    {
        if (stream.removed)
        {
            return;
        }
        if (stream.size() > 0)
        {
            ready.addLast(stream);
        }
        else
        {
            stream.scheduled = false;
        }
    }

    private ChunkStream find(final int actorIndex, final String streamId)
    {
        nameBuffer.wrap(streamId.getBytes(StandardCharsets.UTF_8));
        return find(actorIndex, nameBuffer, 0, nameBuffer.capacity());
    }

    private ChunkStream find(final int actorIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        ChunkStream stream = streams.get(key(actorIndex, buffer, offset, length));
        while (stream != null && !stream.matches(actorIndex, buffer, offset, length))
        {
            stream = stream.next;
        }
        return stream;
    }

    private ChunkStream findAny(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int actorIndex = 0; actorIndex <= maxActorIndex; actorIndex++)
        {
            final ChunkStream stream = find(actorIndex, buffer, offset, length);
            if (stream != null)
            {
                return stream;
            }
        }
        return null;
    }

    private static long key(final int actorIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        return Buffers.hash(Buffers.HASH_SEED ^ actorIndex, buffer, offset, length);
    }
}
