package dev.actr.journal.mailbox;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A bounded in-memory {@link Mailbox}: per priority, a ring of pre-allocated slots. Bounded in messages per
 * priority and in bytes queued overall; a full mailbox answers {@link #FULL} and stores nothing. Slots that
 * grew past {@link #RETAINED_SLOT_BYTES} for a large message are shrunk when it is acked, so memory held
 * stays near {@code capacity x 4 KiB} plus the messages actually queued. Nothing survives a restart: use the
 * journal module's mailbox for that.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class InMemoryMailbox implements Mailbox
{
    /** A slot grown beyond this is replaced by a small one once its message is acked. */
    public static final int RETAINED_SLOT_BYTES = 4096;

    private final Lane[] lanes;
    private final long capacityBytes;
    private long bytesQueued;
    private DepthObserver depthObserver;

    /**
     * @param capacityPerPriority most messages queued or in flight per priority.
     * @param capacityBytes       most bytes queued or in flight overall.
     */
    public InMemoryMailbox(final int capacityPerPriority, final long capacityBytes)
    {
        if (capacityPerPriority <= 0 || capacityBytes <= 0)
        {
            throw new IllegalArgumentException(
                "capacities must be > 0: messages=" + capacityPerPriority + " bytes=" + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        final MessagePriority[] priorities = MessagePriority.values();
        lanes = new Lane[priorities.length];
        for (final MessagePriority priority : priorities)
        {
            lanes[priority.ordinal()] = new Lane(capacityPerPriority);
        }
    }

    @Override
    public long enqueue(final MessagePriority priority, final DirectBuffer buffer, final int offset, final int length)
    {
        final Lane lane = lanes[priority.ordinal()];
        if (lane.isFull() || bytesQueued + length > capacityBytes)
        {
            return FULL;
        }
        bytesQueued += length;
        final long sequence = lane.append(buffer, offset, length);
        if (depthObserver != null)
        {
            depthObserver.onDepth(priority, lane.queued());
        }
        return sequence << 1 | priority.ordinal();
    }

    @Override
    public int poll(final MessagePriority priority, final MailboxHandler handler, final int limit)
    {
        final Lane lane = lanes[priority.ordinal()];
        int count = 0;
        while (count < limit && lane.next < lane.tail)
        {
            final long sequence = lane.next++;
            final Slot slot = lane.slot(sequence);
            count++;
            handler.onMessage(sequence << 1 | priority.ordinal(), slot.buffer, 0, slot.length);
        }
        return count;
    }

    @Override
    public void ack(final long messageId)
    {
        final Lane lane = lanes[(int)(messageId & 1)];
        final long sequence = messageId >>> 1;
        if (sequence < lane.head || sequence >= lane.next)
        {
            return;
        }
        final Slot slot = lane.slot(sequence);
        if (slot.sequence == sequence && !slot.acked)
        {
            slot.acked = true;
            bytesQueued -= slot.length;
            lane.advanceHead();
        }
    }

    @Override
    public int queued(final MessagePriority priority)
    {
        return lanes[priority.ordinal()].queued();
    }

    @Override
    public int inFlight(final MessagePriority priority)
    {
        final Lane lane = lanes[priority.ordinal()];
        int count = 0;
        for (long sequence = lane.head; sequence < lane.next; sequence++)
        {
            count += lane.slot(sequence).acked ? 0 : 1;
        }
        return count;
    }

    @Override
    public void depthObserver(final DepthObserver observer)
    {
        this.depthObserver = observer;
    }

    @Override
    public void close()
    {
    }

    private static final class Slot
    {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        long sequence = -1;
        int length;
        boolean acked;
    }

    private static final class Lane
    {
        final Slot[] slots;
        long head;
        long next;
        long tail;

        Lane(final int capacity)
        {
            slots = new Slot[capacity];
            for (int i = 0; i < capacity; i++)
            {
                slots[i] = new Slot();
            }
        }

        boolean isFull()
        {
            return tail - head >= slots.length;
        }

        int queued()
        {
            return (int)(tail - next);
        }

        Slot slot(final long sequence)
        {
            return slots[(int)(sequence % slots.length)];
        }

        long append(final DirectBuffer buffer, final int offset, final int length)
        {
            final long sequence = tail;
            final Slot slot = slot(sequence);
            slot.buffer.putBytes(0, buffer, offset, length);
            slot.length = length;
            slot.sequence = sequence;
            slot.acked = false;
            tail = sequence + 1;
            return sequence;
        }

        void advanceHead()
        {
            long h = head;
            while (h < next && slot(h).acked)
            {
                final Slot slot = slot(h);
                if (slot.buffer.capacity() > RETAINED_SLOT_BYTES)
                {
                    slot.buffer = new ExpandableArrayBuffer(256);
                }
                h++;
            }
            head = h;
        }
    }
}
