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
import static dev.actr.journal.mailbox.AckRecordDescriptor.CHECKPOINT_END;
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
 * reads it backwards from the end to the latest complete checkpoint of each priority (one whose CHECKPOINT_END
 * was written).
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
        /** Index of the CHECKPOINT_END read for a priority whose CHECKPOINT is not read yet, else NO_END. */
        private final long[] endOf = {NO_END, NO_END};
        private final boolean[] complete = new boolean[2];

        /**
         * @param priority ordinal.
         * @return the highest message index the journal names for the priority (checkpoint, ack, poll or
         * delivery count), or {@link AckRecordDescriptor#NONE} when none.
         */
        long highestIndexNamed(final int priority)
        {
            long highest = Math.max(checkpoint[priority], polledUpTo[priority]);
            final LongHashSet.LongIterator ackedIndices = acked[priority].iterator();
            while (ackedIndices.hasNext())
            {
                highest = Math.max(highest, ackedIndices.nextValue());
            }
            final Long2LongHashMap.KeyIterator counted = attempts[priority].keySet().iterator();
            while (counted.hasNext())
            {
                highest = Math.max(highest, counted.nextValue());
            }
            return highest;
        }

        /**
         * Move a priority's watermark over the acked messages right after it, so that recovery and delivery both
         * start at the first message that is not done. An index one above an acked message's is the next message
         * of the same cycle when it is acked too (only appended messages are acked); the walk stops at the first
         * index that is not acked, which is the lowest unacked message or the end of a cycle.
         *
         * @param priority   ordinal.
         * @param firstIndex of the priority's queue (where to start when there was no checkpoint), or
         *                   {@link Long#MAX_VALUE} when it is empty.
         */
        void advanceWatermark(final int priority, final long firstIndex)
        {
            final LongHashSet done = acked[priority];
            long watermark = checkpoint[priority];
            if (watermark == NONE)
            {
                if (!done.remove(firstIndex))
                {
                    return;
                }
                watermark = firstIndex;
            }
            while (done.remove(watermark + 1))
            {
                watermark++;
            }
            checkpoint[priority] = watermark;
            dropDone(priority);
        }

        /**
         * Forget acks at or below the watermark and delivery counts of messages that are done: neither is needed
         * again, and what is kept is re-journalled at every checkpoint.
         */
        private void dropDone(final int priority)
        {
            final long watermark = checkpoint[priority];
            final LongHashSet done = acked[priority];
            done.removeIfLong(index -> index <= watermark);
            attempts[priority].keySet().removeIfLong(index -> index <= watermark || done.contains(index));
        }
    }

    /** No CHECKPOINT_END pending (not {@link AckRecordDescriptor#NONE}: a checkpoint's index can be NONE). */
    private static final long NO_END = Long.MIN_VALUE;

    private final SingleChronicleQueue queue;
    private final boolean syncEveryRecord;
    private ExcerptAppender appender;
    private boolean dirty;
    private long appendsBeforeCrash = Long.MAX_VALUE;

    AckJournal(final SingleChronicleQueue queue, final boolean syncEveryRecord)
    {
        this.queue = queue;
        this.syncEveryRecord = syncEveryRecord;
    }

    void append(final byte type, final int priority, final long index, final long value)
    {
        if (appendsBeforeCrash-- <= 0)
        {
            throw new IllegalStateException("simulated crash: the ack journal takes no more records");
        }
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

    /**
     * Test hook: write {@code records} more records, then throw on every append as if the process had died there.
     * Lets a test tear a checkpoint at any record, deterministically, on a real queue.
     */
    void crashAfter(final long records)
    {
        appendsBeforeCrash = records;
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
     * Read the journal back from its end to the latest complete checkpoint of each priority (or to its start).
     */
    Recovery recover()
    {
        final Recovery recovery = new Recovery();
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            while (!(recovery.complete[0] && recovery.complete[1]))
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
                        read(recovery, bytes.readByte(start + TYPE_OFFSET), bytes.readByte(start + PRIORITY_OFFSET),
                            bytes.readLong(start + INDEX_OFFSET), bytes.readLong(start + VALUE_OFFSET));
                    }
                }
            }
        }
        for (int priority = 0; priority < 2; priority++)
        {
            recovery.dropDone(priority);
        }
        return recovery;
    }

    /**
     * Take one record, read newest first: every record after the latest complete checkpoint is a fact to keep,
     * including those of a torn checkpoint after it, whose watermark holds too (the highest read is kept).
     */
    private static void read(
        final Recovery recovery, final byte type, final byte priority, final long index, final long value)
    {
        if (priority < 0 || priority > 1 || recovery.complete[priority])
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
            case CHECKPOINT_END:
                recovery.endOf[priority] = index;
                break;
            case CHECKPOINT:
                // Records of one checkpoint are written in a run by one thread: the newest END read before this
                // CHECKPOINT is its own. Without one the process died inside the checkpoint, before it re-journalled
                // all the acks above its watermark: the watermark still holds, but read on back (a journal written
                // before CHECKPOINT_END existed is read whole this way, once).
                recovery.checkpoint[priority] = Math.max(recovery.checkpoint[priority], index);
                recovery.complete[priority] = recovery.endOf[priority] == index;
                recovery.endOf[priority] = NO_END;
                break;
            default:
                break;
        }
    }

    /**
     * @return index of the last record appended (by this thread).
     */
    long lastIndex()
    {
        return appender == null ? NONE : appender.lastIndexAppended();
    }

    /**
     * Delete journal files older than the one holding a record: call with the first record of a complete
     * checkpoint of both priorities, which makes every older record redundant. Files from that record on are kept
     * even when the checkpoint spans a roll, and a later torn checkpoint can fall back to this one.
     *
     * @param index of the first record to keep.
     */
    void reclaimBefore(final long index)
    {
        if (index != NONE)
        {
            CycleFiles.deleteBefore(queue.file(), queue.rollCycle(), queue.rollCycle().toCycle(index));
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
