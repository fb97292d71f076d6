package dev.actr.journal.mailbox;

import dev.actr.journal.integrity.QueueRepair;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayQueue;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import static dev.actr.journal.mailbox.AckRecordDescriptor.NONE;

/**
 * One priority of the durable mailbox: its Chronicle queue, the tailer that hands messages out, and which of
 * the handed-out messages are still in flight. Everything up to {@link #ackedUpTo} is acked; acks that arrive
 * out of order wait in {@code ackedAhead} until the messages before them are acked too.
 *
 * <p>NOT thread safe: the engine thread only (appender and tailer are created on first use, by that thread).
 */
final class MailboxLane
{
    final MessagePriority priority;
    final SingleChronicleQueue queue;
    private final boolean syncEveryMessage;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final LongArrayQueue inFlight = new LongArrayQueue(NONE);
    private final LongHashSet ackedAhead = new LongHashSet();
    private final LongHashSet recoveredAcked;
    private final Long2LongHashMap attempts;
    private ExcerptAppender appender;
    private ExcerptTailer tailer;
    private boolean dirty;
    long ackedUpTo;
    long lastHandedOut = NONE;
    int unacked;
    int inFlightCount;

    MailboxLane(
        final MessagePriority priority,
        final SingleChronicleQueue queue,
        final boolean syncEveryMessage,
        final AckJournal.Recovery recovery)
    {
        this.priority = priority;
        this.queue = queue;
        this.syncEveryMessage = syncEveryMessage;
        this.ackedUpTo = recovery.checkpoint[priority.ordinal()];
        this.recoveredAcked = recovery.acked[priority.ordinal()];
        this.attempts = recovery.attempts[priority.ordinal()];
    }

    long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                bytes.write(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    bytes.writeByte(buffer.getByte(offset + i));
                }
            }
        }
        unacked++;
        dirty = true;
        if (syncEveryMessage)
        {
            sync();
        }
        return appender.lastIndexAppended();
    }

    void sync()
    {
        if (dirty && appender != null)
        {
            appender.sync();
            dirty = false;
        }
    }

    /**
     * Hand out up to {@code limit} messages; {@code polled} is told each index before it is handed out.
     */
    int poll(final MailboxHandler handler, final int limit, final PollListener polled)
    {
        final ExcerptTailer reader = tailer();
        int count = 0;
        while (count < limit && queued() > 0)
        {
            try (DocumentContext dc = reader.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final long index = dc.index();
                if (index <= ackedUpTo)
                {
                    continue;
                }
                if (recoveredAcked.remove(index) || QueueRepair.isPlaceholder(dc.wire().bytes()))
                {
                    handedOutAlreadyAcked(index);
                    continue;
                }
                polled.onPolled(priority.ordinal(), index);
                inFlight.addLong(index);
                inFlightCount++;
                lastHandedOut = index;
                final Bytes<?> bytes = dc.wire().bytes();
                final int length = (int)bytes.readRemaining();
                view.wrap(bytes.addressForRead(bytes.readPosition()), length);
                count++;
                handler.onMessage(index << 1 | priority.ordinal(), view, 0, length);
            }
        }
        return count;
    }

    /**
     * @return true when the ack was new (the caller journals it).
     */
    boolean ack(final long index)
    {
        if (index <= ackedUpTo || index > lastHandedOut || ackedAhead.contains(index))
        {
            return false;
        }
        if (!inFlight.isEmpty() && inFlight.peekLong() == index)
        {
            ackedUpTo = inFlight.pollLong();
            while (!inFlight.isEmpty() && ackedAhead.remove(inFlight.peekLong()))
            {
                ackedUpTo = inFlight.pollLong();
            }
        }
        else
        {
            ackedAhead.add(index);
        }
        unacked--;
        inFlightCount--;
        attempts.remove(index);
        return true;
    }

    int queued()
    {
        return unacked - inFlightCount;
    }

    Long2LongHashMap attempts()
    {
        return attempts;
    }

    LongHashSet recoveredAcked()
    {
        return recoveredAcked;
    }

    /**
     * @return indices above {@link #ackedUpTo} that are acked (their ack came before an earlier message's).
     */
    LongHashSet ackedAhead()
    {
        return ackedAhead;
    }

    /**
     * Delete the cycle files below the one holding {@link #ackedUpTo}: every message in them is acked.
     */
    void reclaim()
    {
        if (ackedUpTo != NONE)
        {
            CycleFiles.deleteBefore(queue.file(), queue.rollCycle(), queue.rollCycle().toCycle(ackedUpTo));
            queue.refreshDirectoryListing();
        }
    }

    private void handedOutAlreadyAcked(final long index)
    {
        lastHandedOut = index;
        if (inFlight.isEmpty())
        {
            ackedUpTo = index;
        }
        else
        {
            inFlight.addLong(index);
            ackedAhead.add(index);
        }
    }

    private ExcerptTailer tailer()
    {
        if (tailer == null)
        {
            tailer = queue.createTailer();
            if (ackedUpTo == NONE)
            {
                tailer.toStart();
            }
            else
            {
                if (!tailer.moveToIndex(ackedUpTo))
                {
                    // The checkpointed message is gone (its file reclaimed): read from the start and skip
                    // everything up to the checkpoint.
                    tailer.toStart();
                }
            }
        }
        return tailer;
    }

    void releaseThread()
    {
        if (tailer != null)
        {
            tailer.singleThreadedCheckReset();
        }
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    void close()
    {
        if (tailer != null)
        {
            tailer.close();
        }
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }

    /** Told of each message before it is handed out. */
    @FunctionalInterface
    interface PollListener
    {
        void onPolled(int priority, long index);
    }
}
