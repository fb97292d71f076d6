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
 * <p>Bounds, all from the {@link ReassemblyContext}: a partial message is evicted when its TTL passes; when
 * {@code maxPartialMessages} or {@code maxBytesHeld} would be exceeded the oldest partial messages are evicted
 * to make room; a message that could never fit in {@code maxBytesHeld} (one slot per fragment plus bookkeeping) is
 * rejected at its first fragment without evicting anything; a message that grows past {@code maxMessageLength} is
 * dropped. Memory held by partial messages ({@link #bytesHeld()}) never exceeds {@code maxBytesHeld}, and neither
 * do the fragment slots ever allocated; beyond that the reassembler keeps one assembly buffer of at most
 * {@code maxMessageLength}.
 * Every rejected fragment returns its {@link CodecStatus} and is counted; every eviction is counted.
 *
 * <p>{@code total_frags == 1} is delivered straight from the caller's buffer. In steady state nothing is
 * allocated: fragment slots, partial messages and the assembly buffer are reused.
 *
 * <p>NOT thread safe: call from the lane's receive thread only.
 */
public final class Reassembler
{
    private final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();
    private final Int2ObjectHashMap<PartialMessage> partials;
    private final FragmentSlotPool slotPool;
    private final PartialMessage[] partialPool;
    private final ExpandableArrayBuffer assembly = new ExpandableArrayBuffer(MAX_FRAGMENT_PAYLOAD_LENGTH);
    private final NanoClock clock;
    private final long ttlNs;
    private final int maxPartialMessages;
    private final long maxBytesHeld;
    private final int maxMessageLength;

    private PartialMessage oldest;
    private PartialMessage newest;
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
        this.slotPool = new FragmentSlotPool(
            MAX_FRAGMENT_PAYLOAD_LENGTH, (int)Math.min(Integer.MAX_VALUE - 8, maxBytesHeld / MAX_FRAGMENT_PAYLOAD_LENGTH));
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
        if (oldest != null)
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
        if (partial.messageLength + header.payloadLength() > maxMessageLength)
        {
            messagesTooLarge++;
            drop(partial);
            return reject(CodecStatus.MESSAGE_TOO_LARGE);
        }
        if (!makeRoom(slotPool.slotLength(), partial))
        {
            drop(partial);
            return reject(CodecStatus.REASSEMBLY_FULL);
        }
        final byte[] slot = slotPool.acquire();
        header.getPayload(slot);
        bytesHeld += slotPool.slotLength();
        partial.put(header.fragIndex(), slot, header.payloadLength());
        if (partial.isComplete())
        {
            complete(partial, handler);
        }
        return CodecStatus.OK;
    }

    private PartialMessage open(final int msgId, final int totalFrags)
    {
        final long accounted = PartialMessage.accountedBytes(totalFrags);
        if (accounted + (long)totalFrags * slotPool.slotLength() > maxBytesHeld)
        {
            return null; // could never complete within maxBytesHeld: reject it without evicting anyone else
        }
        if (partials.size() >= maxPartialMessages)
        {
            evictionsForSpace++;
            drop(oldest);
        }
        if (!makeRoom(accounted + slotPool.slotLength(), null))
        {
            return null;
        }
        final PartialMessage partial = partialPoolCount > 0 ? partialPool[--partialPoolCount] : new PartialMessage();
        partial.init(msgId, totalFrags, clock.nanoTime());
        bytesHeld += accounted;
        partials.put(msgId, partial);
        linkNewest(partial);
        return partial;
    }

    private void complete(final PartialMessage partial, final MessageHandler handler)
    {
        final int length = (int)partial.messageLength;
        int position = 0;
        for (int i = 0; i < partial.totalFrags; i++)
        {
            assembly.putBytes(position, partial.slots[i], 0, partial.lengths[i]);
            position += partial.lengths[i];
        }
        final int msgId = partial.msgId;
        drop(partial);
        messagesCompleted++;
        handler.onMessage(msgId, assembly, 0, length);
    }

    private boolean makeRoom(final long bytes, final PartialMessage keep)
    {
        PartialMessage candidate = oldest;
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
        return bytesHeld + bytes <= maxBytesHeld;
    }

    private int expire(final long nowNs)
    {
        int evicted = 0;
        while (oldest != null && nowNs - oldest.firstArrivalNs >= ttlNs)
        {
            evictionsExpired++;
            evicted++;
            drop(oldest);
        }
        return evicted;
    }

    private void drop(final PartialMessage partial)
    {
        partials.remove(partial.msgId);
        unlink(partial);
        for (int i = 0; i < partial.totalFrags; i++)
        {
            final byte[] slot = partial.slots[i];
            if (slot != null)
            {
                slotPool.release(slot);
                bytesHeld -= slotPool.slotLength();
            }
        }
        bytesHeld -= PartialMessage.accountedBytes(partial.totalFrags);
        partial.clear();
        if (partialPoolCount < partialPool.length)
        {
            partialPool[partialPoolCount++] = partial;
        }
    }

    private void linkNewest(final PartialMessage partial)
    {
        partial.older = newest;
        partial.newer = null;
        if (newest != null)
        {
            newest.newer = partial;
        }
        newest = partial;
        if (oldest == null)
        {
            oldest = partial;
        }
    }

    private void unlink(final PartialMessage partial)
    {
        if (partial.older != null)
        {
            partial.older.newer = partial.newer;
        }
        else
        {
            oldest = partial.newer;
        }
        if (partial.newer != null)
        {
            partial.newer.older = partial.older;
        }
        else
        {
            newest = partial.older;
        }
    }

    private CodecStatus reject(final CodecStatus status)
    {
        fragmentsRejected++;
        return status;
    }

    /**
     * @return bytes currently accounted to partial messages; never above {@code maxBytesHeld}.
     */
    public long bytesHeld()
    {
        return bytesHeld;
    }

    /**
     * @return bytes of fragment slots allocated so far, in use or pooled; never above {@code maxBytesHeld}.
     */
    public long slotBytesAllocated()
    {
        return (long)slotPool.allocated() * slotPool.slotLength();
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
