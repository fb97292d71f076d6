package dev.actr.codec.fragment;

import dev.actr.codec.CodecStatus;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.NanoClock;

import static dev.actr.codec.fragment.FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;

/**
 * Rebuilds messages from DataChannel fragments that may arrive out of order and interleaved with the
 * fragments of other messages. One instance per lane channel.
 *
 * <p>Memory: a partial message holds its fragments' bytes packed one after the other in pooled blocks of
 * {@link #BLOCK_LENGTH} bytes, and is charged against {@code maxBytesHeld} what it holds: its fragments' payload
 * bytes, plus {@link #PARTIAL_MESSAGE_OVERHEAD_BYTES} (its bookkeeping and its last, partly filled block), plus
 * {@link #FRAGMENT_OVERHEAD_BYTES} per fragment of its {@code total_frags} (the index of where each fragment lies).
 * So small fragments cost what they carry, not a whole DataChannel message each, and the blocks in use never take
 * more than the bytes charged. The memory the reassembler retains is therefore bounded: blocks ever allocated
 * ({@link #blockBytesAllocated()}) never exceed {@code maxBytesHeld}. Beyond them, uncharged: two references per
 * block (16 bytes per 4 KiB block, 0.4 %); index arrays that a partial message reuses from the pool and that are
 * larger than it needs (at most 4 KiB per partial message); a pool of at most 64 idle partial messages with such
 * arrays; and one assembly buffer of at most {@code maxMessageLength}.
 *
 * <p>Bounds, all from the {@link ReassemblyContext}: a partial message is evicted when its TTL passes; when
 * {@code maxPartialMessages} or {@code maxBytesHeld} would be exceeded the oldest partial messages are evicted
 * to make room; a message that could never fit in {@code maxBytesHeld} (its bookkeeping plus at least one byte per
 * fragment) is rejected at its first fragment without evicting anything; a message that grows past what
 * {@code maxBytesHeld} can hold on its own is dropped without evicting anything; a message that grows past
 * {@code maxMessageLength} is dropped. {@link #bytesHeld()} never exceeds {@code maxBytesHeld}.
 * Every rejected fragment returns its {@link CodecStatus} and is counted; every eviction is counted.
 *
 * <p>{@code total_frags == 1} is delivered straight from the caller's buffer. In steady state nothing is
 * allocated: blocks, partial messages and the assembly buffer are reused.
 *
 * <p>NOT thread safe: call from the lane's receive thread only.
 */
public final class Reassembler
{
    /** Bytes per block of fragment storage. */
    public static final int BLOCK_LENGTH = FragmentBlockPool.BLOCK_LENGTH;
    /**
     * Charged per partial message besides its fragments' bytes: 128 bytes of bookkeeping (the object, its index
     * arrays' headers, its map entry) and one block, the most its last block can leave unfilled.
     */
    public static final int PARTIAL_MESSAGE_OVERHEAD_BYTES = 128 + BLOCK_LENGTH;
    /** Charged per fragment of a partial message's {@code total_frags}: its index entry (offset and length). */
    public static final int FRAGMENT_OVERHEAD_BYTES = 2 * Integer.BYTES;

    private final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();
    private final Int2ObjectHashMap<PartialMessage> partials;
    private final FragmentBlockPool blockPool = new FragmentBlockPool();
    private final PartialMessage[] partialPool;
    private final PartialMessageAges ages = new PartialMessageAges();
    private final ExpandableArrayBuffer assembly = new ExpandableArrayBuffer(MAX_FRAGMENT_PAYLOAD_LENGTH);
    private final NanoClock clock;
    private final long ttlNs;
    private final int maxPartialMessages;
    private final long maxBytesHeld;
    private final int maxMessageLength;

    private int partialPoolCount;
    private long bytesHeld;
    private long messagesCompleted;
    private long fragmentsRejected;
    private long evictionsExpired;
    private long evictionsForSpace;
    private long messagesTooLarge;

    /**
     * @param context configuration; {@link ReassemblyContext#conclude()} is called here.
     */
    public Reassembler(final ReassemblyContext context)
    {
        context.conclude();
        this.clock = context.nanoClock();
        this.ttlNs = context.ttlNs();
        this.maxPartialMessages = context.maxPartialMessages();
        this.maxBytesHeld = context.maxBytesHeld();
        this.maxMessageLength = context.maxMessageLength();
        this.partials = new Int2ObjectHashMap<>();
        this.partialPool = new PartialMessage[Math.min(maxPartialMessages, 64)];
    }

    /**
     * Take one DataChannel message. A message completed by it is handed to {@code handler} before this returns.
     *
     * @param buffer  holding the DataChannel message (fragment header included).
     * @param offset  of the message.
     * @param length  of the message.
     * @param handler to receive a completed message.
     * @return {@link CodecStatus#OK} when the fragment was accepted (and possibly completed a message), else
     * why it was rejected.
     */
    public CodecStatus onFragment(
        final DirectBuffer buffer, final int offset, final int length, final MessageHandler handler)
    {
        final CodecStatus status = header.wrap(buffer, offset, length);
        if (status != CodecStatus.OK)
        {
            return reject(status);
        }
        if (ages.oldest != null)
        {
            expire(clock.nanoTime());
        }
        if (header.totalFrags() == 1)
        {
            return deliverWhole(buffer, handler);
        }
        return accept(handler);
    }

    /**
     * Evict partial messages whose TTL has passed. Called on every fragment; a lane may also call it when idle.
     *
     * @return how many partial messages were evicted.
     */
    public int expire()
    {
        return expire(clock.nanoTime());
    }

    private CodecStatus deliverWhole(final DirectBuffer buffer, final MessageHandler handler)
    {
        if (header.payloadLength() > maxMessageLength)
        {
            messagesTooLarge++;
            return reject(CodecStatus.MESSAGE_TOO_LARGE);
        }
        messagesCompleted++;
        handler.onMessage(header.msgId(), buffer, header.payloadOffset(), header.payloadLength());
        return CodecStatus.OK;
    }

    private CodecStatus accept(final MessageHandler handler)
    {
        final int msgId = header.msgId();
        final int totalFrags = header.totalFrags();
        PartialMessage partial = partials.get(msgId);
        if (partial == null)
        {
            partial = open(msgId, totalFrags);
            if (partial == null)
            {
                return reject(CodecStatus.REASSEMBLY_FULL);
            }
        }
        else if (partial.totalFrags != totalFrags)
        {
            return reject(CodecStatus.TOTAL_MISMATCH);
        }
        else if (partial.has(header.fragIndex()))
        {
            return reject(CodecStatus.DUPLICATE_FRAGMENT);
        }
        return store(partial, handler);
    }

    private CodecStatus store(final PartialMessage partial, final MessageHandler handler)
    {
        final int payloadLength = header.payloadLength();
        if (partial.messageLength + payloadLength > maxMessageLength)
        {
            messagesTooLarge++;
            drop(partial);
            return reject(CodecStatus.MESSAGE_TOO_LARGE);
        }
        if (partial.accountedBytes() + payloadLength > maxBytesHeld)
        {
            drop(partial); // could not be held even alone: drop it without evicting anyone else
            return reject(CodecStatus.REASSEMBLY_FULL);
        }
        makeRoom(payloadLength, partial); // evicting every other partial makes room, by the check above
        bytesHeld += payloadLength;
        partial.append(header.fragIndex(), header.buffer(), header.payloadOffset(), payloadLength, blockPool);
        if (partial.isComplete())
        {
            complete(partial, handler);
        }
        return CodecStatus.OK;
    }

    private PartialMessage open(final int msgId, final int totalFrags)
    {
        final long accounted = PartialMessage.accountedBytes(totalFrags);
        final int payloadLength = header.payloadLength();
        if (accounted + payloadLength + (totalFrags - 1) > maxBytesHeld)
        {
            // Even with one byte in each other fragment it could never complete within maxBytesHeld: reject it
            // without evicting anyone else.
            return null;
        }
        if (partials.size() >= maxPartialMessages)
        {
            evictionsForSpace++;
            drop(ages.oldest);
        }
        makeRoom(accounted + payloadLength, null); // evicting every other partial makes room, by the check above
        final PartialMessage partial = partialPoolCount > 0 ? partialPool[--partialPoolCount] : new PartialMessage();
        partial.init(msgId, totalFrags, clock.nanoTime());
        bytesHeld += accounted;
        partials.put(msgId, partial);
        ages.linkNewest(partial);
        return partial;
    }

    private void complete(final PartialMessage partial, final MessageHandler handler)
    {
        final int length = partial.copyTo(assembly);
        final int msgId = partial.msgId;
        drop(partial);
        messagesCompleted++;
        handler.onMessage(msgId, assembly, 0, length);
    }

    /**
     * Evict the oldest partial messages but {@code keep} until {@code bytes} more fit within maxBytesHeld. The
     * callers first check that they would fit with every other partial message gone.
     */
    private void makeRoom(final long bytes, final PartialMessage keep)
    {
        PartialMessage candidate = ages.oldest;
        while (bytesHeld + bytes > maxBytesHeld && candidate != null)
        {
            final PartialMessage next = candidate.newer;
            if (candidate != keep)
            {
                evictionsForSpace++;
                drop(candidate);
            }
            candidate = next;
        }
    }

    private int expire(final long nowNs)
    {
        int evicted = 0;
        while (ages.oldest != null && nowNs - ages.oldest.firstArrivalNs >= ttlNs)
        {
            evictionsExpired++;
            evicted++;
            drop(ages.oldest);
        }
        return evicted;
    }

    private void drop(final PartialMessage partial)
    {
        partials.remove(partial.msgId);
        ages.unlink(partial);
        bytesHeld -= partial.accountedBytes();
        partial.clear(blockPool);
        if (partialPoolCount < partialPool.length)
        {
            partialPool[partialPoolCount++] = partial;
        }
    }

    private CodecStatus reject(final CodecStatus status)
    {
        fragmentsRejected++;
        return status;
    }

    /**
     * @return bytes currently charged to partial messages (see the class comment); never above
     * {@code maxBytesHeld}, and never below the bytes of the blocks they hold.
     */
    public long bytesHeld()
    {
        return bytesHeld;
    }

    /**
     * @return bytes of fragment blocks allocated so far, in use or pooled; never above {@code maxBytesHeld}.
     */
    public long blockBytesAllocated()
    {
        return (long)blockPool.allocated() * BLOCK_LENGTH;
    }

    /**
     * @return partial messages currently held.
     */
    public int partialMessages()
    {
        return partials.size();
    }

    /**
     * @return whole messages delivered, fast path included.
     */
    public long messagesCompleted()
    {
        return messagesCompleted;
    }

    /**
     * @return fragments rejected for any reason.
     */
    public long fragmentsRejected()
    {
        return fragmentsRejected;
    }

    /**
     * @return partial messages evicted because their TTL passed.
     */
    public long evictionsExpired()
    {
        return evictionsExpired;
    }

    /**
     * @return partial messages evicted to make room for newer ones (count or bytes bound).
     */
    public long evictionsForSpace()
    {
        return evictionsForSpace;
    }

    /**
     * @return messages dropped because they exceeded the maximum message length.
     */
    public long messagesTooLarge()
    {
        return messagesTooLarge;
    }
}
