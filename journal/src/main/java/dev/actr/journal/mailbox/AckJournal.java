package dev.actr.journal.mailbox;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import static dev.actr.journal.mailbox.AckRecordDescriptor.ACK;
import static dev.actr.journal.mailbox.AckRecordDescriptor.ATTEMPTS;
import static dev.actr.journal.mailbox.AckRecordDescriptor.CHECKPOINT;
import static dev.actr.journal.mailbox.AckRecordDescriptor.DEAD;
import static dev.actr.journal.mailbox.AckRecordDescriptor.INDEX_OFFSET;
import static dev.actr.journal.mailbox.AckRecordDescriptor.LENGTH;
import static dev.actr.journal.mailbox.AckRecordDescriptor.NONE;
import static dev.actr.journal.mailbox.AckRecordDescriptor.POLLED;
import static dev.actr.journal.mailbox.AckRecordDescriptor.PRIORITY_OFFSET;
import static dev.actr.journal.mailbox.AckRecordDescriptor.TYPE_OFFSET;
import static dev.actr.journal.mailbox.AckRecordDescriptor.VALUE_OFFSET;

/**
 * The durable mailbox's ack journal: a Chronicle queue of fixed {@link AckRecordDescriptor} records. A restart
 * reads it backwards from the end to the latest checkpoint of each priority.
 *
 * <p>NOT thread safe: one writing thread (the appender is created on first use, by that thread).
 */
final class AckJournal implements AutoCloseable
{
    /** What a restart learns from the journal, per priority. */
    static final class Recovery
    {
        final long[] checkpoint = {NONE, NONE};
        final long[] polledUpTo = {NONE, NONE};
        final LongHashSet[] acked = {new LongHashSet(), new LongHashSet()};
        final Long2LongHashMap[] attempts = {new Long2LongHashMap(0), new Long2LongHashMap(0)};
    }

    private final SingleChronicleQueue queue;
    private final boolean syncEveryRecord;
    private ExcerptAppender appender;
    private boolean dirty;

    AckJournal(final SingleChronicleQueue queue, final boolean syncEveryRecord)
    {
        this.queue = queue;
        this.syncEveryRecord = syncEveryRecord;
    }

    void append(final byte type, final int priority, final long index, final long value)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(type);
            bytes.writeByte((byte)priority);
            bytes.writeSkip(INDEX_OFFSET - PRIORITY_OFFSET - 1);
            bytes.writeLong(index);
            bytes.writeLong(value);
        }
        dirty = true;
        if (syncEveryRecord)
        {
            sync();
        }
    }

    void sync()
    {
        if (dirty && appender != null)
        {
            appender.sync();
            dirty = false;
        }
    }

    Recovery recover()
    {
        final Recovery recovery = new Recovery();
        final boolean[] seen = new boolean[2];
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            while (!(seen[0] && seen[1]))
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    if (bytes.readRemaining() >= LENGTH)
                    {
                        final long start = bytes.readPosition();
                        read(recovery, seen, bytes.readByte(start + TYPE_OFFSET),
                            bytes.readByte(start + PRIORITY_OFFSET), bytes.readLong(start + INDEX_OFFSET),
                            bytes.readLong(start + VALUE_OFFSET));
                    }
                }
            }
        }
        return recovery;
    }

    private static void read(
        final Recovery recovery,
        final boolean[] seen,
        final byte type,
        final byte priority,
        final long index,
        final long value)
    {
        if (priority < 0 || priority > 1 || seen[priority])
        {
            return;
        }
        switch (type)
        {
            case ACK:
            case DEAD:
                recovery.acked[priority].add(index);
                break;
            case POLLED:
                recovery.polledUpTo[priority] = Math.max(recovery.polledUpTo[priority], index);
                break;
            case ATTEMPTS:
                if (!recovery.attempts[priority].containsKey(index))
                {
                    recovery.attempts[priority].put(index, value);
                }
                break;
            case CHECKPOINT:
                recovery.checkpoint[priority] = index;
                seen[priority] = true;
                break;
            default:
                break;
        }
    }

    /**
     * Delete journal files older than the one holding the latest records (call right after a checkpoint of both
     * priorities, which makes every older record redundant).
     */
    void reclaim()
    {
        if (appender != null)
        {
            CycleFiles.deleteBefore(queue.file(), queue.rollCycle(), appender.cycle());
            queue.refreshDirectoryListing();
        }
    }

    /**
     * Let another thread take over the appender (after recovery on the opening thread).
     */
    void releaseThread()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        queue.close();
    }
}
