package dev.actr.journal.mailbox;

import dev.actr.journal.ChronicleQueues;
import dev.actr.journal.DirectoryLock;
import dev.actr.journal.integrity.QueueRepair;
import dev.actr.journal.integrity.StoreIntegrity;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.nio.file.Path;
import java.util.List;

import static dev.actr.journal.mailbox.AckRecordDescriptor.ACK;
import static dev.actr.journal.mailbox.AckRecordDescriptor.ATTEMPTS;
import static dev.actr.journal.mailbox.AckRecordDescriptor.CHECKPOINT;
import static dev.actr.journal.mailbox.AckRecordDescriptor.CHECKPOINT_END;
import static dev.actr.journal.mailbox.AckRecordDescriptor.DEAD;
import static dev.actr.journal.mailbox.AckRecordDescriptor.NONE;
import static dev.actr.journal.mailbox.AckRecordDescriptor.POLLED;

/**
 * A durable {@link Mailbox} on Chronicle Queue: one memory-mapped queue per priority, an ack journal, and a
 * dead-letter queue, under one directory.
 *
 * <ul>
 *   <li>{@link #enqueue} appends to the priority's queue: durable once it returns (see {@link FsyncPolicy}).</li>
 *   <li>{@link #poll} reads on from the last message handed out; with {@code maxDeliveries > 0} each message is
 *       first journalled as POLLED, so a restart knows it was being delivered.</li>
 *   <li>{@link #ack} journals an ACK. Every {@code checkpointInterval} acks (and on close) a CHECKPOINT per
 *       priority records "everything up to here is acked", followed by what it must carry over (acks above it,
 *       delivery counts) and a CHECKPOINT_END; then whole cycle files below it are deleted.</li>
 *   <li>{@link #open} reads the ack journal back to the latest complete checkpoints (a checkpoint cut short by
 *       a crash is passed over), seeks each queue to the first message not acked, and queues every message from
 *       there that was not acked, in order: start-up reads what is unacked, not every retained message. A message
 *       that was in flight when the process died has one more delivery counted; at {@code maxDeliveries} it goes to the dead-letter queue instead ({@link #deadLetters()},
 *       {@link #redrive(long)}).</li>
 * </ul>
 *
 * <p>{@link #open} first takes the directory ({@link DirectoryLock}: a second mailbox on it, in this process or another,
 * is refused) and checks every cycle file of its queues ({@link QueueRepair}): a damaged or torn tail is cut off, the
 * records before it kept at their indices, and the damage reported to {@link ChronicleMailboxContext#integrity()}.
 *
 * <p>NOT thread safe: after {@link #open} (on any thread) it is used by one thread, the engine's.
 */
public final class ChronicleMailbox implements Mailbox
{
    private final ChronicleMailboxContext ctx;
    private final DirectoryLock lock;
    private final StoreIntegrity integrity;
    private final AckJournal acks;
    private final DeadLetterQueue deadLetters;
    private final MailboxLane[] lanes = new MailboxLane[2];
    private final MailboxLane.PollListener onPolled;
    private DepthObserver depthObserver;
    private int acksSinceCheckpoint;
    private long recoveryExcerptsRead;
    private boolean closed;

    private ChronicleMailbox(final ChronicleMailboxContext ctx)
    {
        this.ctx = ctx;
        this.integrity = ctx.integrity();
        this.lock = DirectoryLock.acquire(ctx.directory(), "actr mailbox");
        AckJournal acks = null;
        DeadLetterQueue deadLetters = null;
        try
        {
            final boolean syncEach = ctx.fsyncPolicy() == FsyncPolicy.PER_MESSAGE;
            acks = new AckJournal(checkedQueue("acks", "mailbox acks"), syncEach);
            deadLetters = new DeadLetterQueue(checkedQueue("dlq", "mailbox dead letters"));
            this.acks = acks;
            this.deadLetters = deadLetters;
            final AckJournal.Recovery recovery = acks.recover();
            for (final MessagePriority priority : MessagePriority.values())
            {
                final String name = priority.name().toLowerCase(java.util.Locale.ROOT);
                final Path path = ctx.directory().resolve(name);
                QueueRepair.check(path, "mailbox " + name, ctx.rollCycle(), ctx.blockSize(), QueueRepair.Policy.REPAIR,
                    integrity, "");
                // Indices the ack journal names were written: a lost one must not be given to a new message.
                QueueRepair.ensureRecordsUpTo(path, "mailbox " + name, ctx.rollCycle(), ctx.blockSize(),
                    recovery.highestIndexNamed(priority.ordinal()), integrity);
                final SingleChronicleQueue queue = queue(name);
                try
                {
                    recovery.advanceWatermark(priority.ordinal(), queue.firstIndex());
                    lanes[priority.ordinal()] = new MailboxLane(priority, queue, syncEach, recovery);
                }
                catch (final RuntimeException | Error ex)
                {
                    queue.close();
                    throw ex;
                }
            }
            final AckJournal journal = acks;
            this.onPolled = ctx.maxDeliveries() > 0 ?
                (priority, index) -> journal.append(POLLED, priority, index, 0) : (priority, index) -> { };
            for (final MailboxLane lane : lanes)
            {
                recoverUnacked(lane, recovery);
            }
            acks.releaseThread();
            deadLetters.releaseThread();
        }
        catch (final RuntimeException | Error ex)
        {
            for (final MailboxLane lane : lanes)
            {
                if (lane != null)
                {
                    lane.close();
                }
            }
            if (deadLetters != null)
            {
                deadLetters.close();
            }
            org.agrona.CloseHelper.quietCloseAll(acks, lock);
            throw ex;
        }
    }

    /**
     * Open (or create) a mailbox and recover what a previous run left unacked.
     *
     * @param ctx configuration; concluded here.
     * @return the mailbox.
     */
    public static ChronicleMailbox open(final ChronicleMailboxContext ctx)
    {
        return new ChronicleMailbox(ctx.conclude());
    }

    private SingleChronicleQueue checkedQueue(final String name, final String store)
    {
        QueueRepair.check(ctx.directory().resolve(name), store, ctx.rollCycle(), ctx.blockSize(),
            QueueRepair.Policy.REPAIR, integrity, "");
        return queue(name);
    }

    private SingleChronicleQueue queue(final String name)
    {
        final Path path = ctx.directory().resolve(name);
        return ChronicleQueues.binary(path)
            .rollCycle(ctx.rollCycle())
            .blockSize(ctx.blockSize())
            .timeProvider(ctx.timeProvider())
            // Forcing policies also msync each mapped chunk as Chronicle releases it, so that what a sync() of
            // the current chunk leaves behind in an earlier chunk or cycle is forced too.
            .syncMode(ctx.fsyncPolicy() == FsyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
            .build();
    }

    private void recoverUnacked(final MailboxLane lane, final AckJournal.Recovery recovery)
    {
        final int p = lane.priority.ordinal();
        final long watermark = recovery.checkpoint[p];
        try (ExcerptTailer tailer = lane.queue.createTailer())
        {
            // Everything up to the watermark is done: start there (its own excerpt is read and skipped), so a
            // restart reads what is unacked and not every retained message. Without one, or if it is gone, scan.
            if (watermark == NONE || !tailer.moveToIndex(watermark))
            {
                tailer.toStart();
            }
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    recoveryExcerptsRead++;
                    final long index = dc.index();
                    if (index <= recovery.checkpoint[p] || recovery.acked[p].contains(index) ||
                        QueueRepair.isPlaceholder(dc.wire().bytes()))
                    {
                        continue;
                    }
                    if (ctx.maxDeliveries() > 0 && index <= recovery.polledUpTo[p] && countDelivery(lane, index, dc))
                    {
                        continue;
                    }
                    lane.unacked++;
                }
            }
        }
    }

    /**
     * @return true when the message went to the dead-letter queue.
     */
    private boolean countDelivery(final MailboxLane lane, final long index, final DocumentContext dc)
    {
        final int p = lane.priority.ordinal();
        final long attempts = lane.attempts().get(index) + 1;
        if (attempts >= ctx.maxDeliveries())
        {
            deadLetters.add(p, index, (int)attempts, dc.wire().bytes());
            acks.append(DEAD, p, index, attempts);
            lane.recoveredAcked().add(index);
            lane.attempts().remove(index);
            return true;
        }
        lane.attempts().put(index, attempts);
        acks.append(ATTEMPTS, p, index, attempts);
        return false;
    }

    @Override
    public long enqueue(final MessagePriority priority, final DirectBuffer buffer, final int offset, final int length)
    {
        final MailboxLane lane = lanes[priority.ordinal()];
        if (length > ctx.maxMessageLength())
        {
            return TOO_LARGE;
        }
        if (lane.unacked >= ctx.capacityPerPriority())
        {
            return FULL;
        }
        final long index = lane.append(buffer, offset, length);
        if (depthObserver != null)
        {
            depthObserver.onDepth(priority, lane.queued());
        }
        return index << 1 | priority.ordinal();
    }

    @Override
    public int poll(final MessagePriority priority, final MailboxHandler handler, final int limit)
    {
        return lanes[priority.ordinal()].poll(handler, limit, onPolled);
    }

    @Override
    public void ack(final long messageId)
    {
        final int priority = (int)(messageId & 1);
        final long index = messageId >>> 1;
        if (lanes[priority].ack(index))
        {
            acks.append(ACK, priority, index, 0);
            if (++acksSinceCheckpoint >= ctx.checkpointInterval())
            {
                checkpoint();
            }
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
        return lanes[priority.ordinal()].inFlightCount;
    }

    @Override
    public void depthObserver(final DepthObserver observer)
    {
        this.depthObserver = observer;
    }

    @Override
    public void sync()
    {
        if (ctx.fsyncPolicy() == FsyncPolicy.GROUP)
        {
            for (final MailboxLane lane : lanes)
            {
                lane.sync();
            }
            acks.sync();
        }
    }

    /**
     * Journal a checkpoint per priority and delete every cycle file that holds only acked messages (and ack journal
     * files made redundant by the checkpoint). Runs by itself every {@code checkpointInterval} acks and on close.
     */
    public void checkpoint()
    {
        long firstRecord = NONE;
        for (final MailboxLane lane : lanes)
        {
            final int p = lane.priority.ordinal();
            acks.append(CHECKPOINT, p, lane.ackedUpTo, 0);
            if (firstRecord == NONE)
            {
                firstRecord = acks.lastIndex();
            }
            // A restart reads the journal back only to the checkpoint: acks above it (out of order, or recovered
            // and not reached yet) must follow it again, or those messages are delivered once more.
            appendAcks(p, lane.ackedAhead());
            appendAcks(p, lane.recoveredAcked());
            if (ctx.maxDeliveries() > 0)
            {
                acks.append(POLLED, p, lane.lastHandedOut, 0);
                final Long2LongHashMap.KeyIterator keys = lane.attempts().keySet().iterator();
                while (keys.hasNext())
                {
                    final long index = keys.nextValue();
                    acks.append(ATTEMPTS, p, index, lane.attempts().get(index));
                }
            }
            // Only now is the checkpoint whole: a restart that finds no end passes over it to the previous one.
            acks.append(CHECKPOINT_END, p, lane.ackedUpTo, 0);
        }
        acks.sync();
        for (final MailboxLane lane : lanes)
        {
            lane.sync();
            lane.reclaim();
        }
        acks.reclaimBefore(firstRecord);
        acksSinceCheckpoint = 0;
    }

    private void appendAcks(final int priority, final LongHashSet indices)
    {
        final LongHashSet.LongIterator iterator = indices.iterator();
        while (iterator.hasNext())
        {
            acks.append(ACK, priority, iterator.nextValue(), 0);
        }
    }

    /**
     * @return the messages in the dead-letter queue that were not re-driven, oldest first. Cold path.
     */
    public List<DeadLetter> deadLetters()
    {
        return deadLetters.list();
    }

    /**
     * Queue a dead letter again on its priority (with a fresh delivery count) and take it off the list. Call
     * from the thread that uses the mailbox.
     *
     * @param letterId {@link DeadLetter#id()}.
     * @return false when there is no such letter, or the mailbox is full.
     */
    public boolean redrive(final long letterId)
    {
        for (final DeadLetter letter : deadLetters.list())
        {
            if (letter.id() == letterId)
            {
                final byte[] message = letter.message();
                if (enqueue(letter.priority(), new org.agrona.concurrent.UnsafeBuffer(message), 0, message.length) ==
                    FULL)
                {
                    return false;
                }
                deadLetters.markRedriven(letterId);
                return true;
            }
        }
        return false;
    }

    /**
     * @return cycle files on disk per queue, for tests and stats: {high, normal, acks}.
     */
    public int[] cycleFiles()
    {
        return new int[] {
            CycleFiles.count(lanes[0].queue.file()),
            CycleFiles.count(lanes[1].queue.file()),
            CycleFiles.count(ctx.directory().resolve("acks").toFile())};
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        releaseThreads();
        checkpoint();
        closeFiles();
    }

    /**
     * Close the files as a crash would leave them: no final checkpoint. For tests of recovery.
     */
    void closeWithoutCheckpoint()
    {
        closed = true;
        releaseThreads();
        closeFiles();
    }

    /**
     * @return message excerpts {@link #open} read from the priority queues to find what is unacked.
     */
    long recoveryExcerptsRead()
    {
        return recoveryExcerptsRead;
    }

    /**
     * Test hook: let the ack journal take {@code records} more records, then fail every append as a crash there
     * would (see {@link AckJournal#crashAfter(long)}).
     */
    void crashJournalAfter(final long records)
    {
        acks.crashAfter(records);
    }

    private void releaseThreads()
    {
        // The engine thread that owned the appenders and tailers has stopped; the closing thread takes over.
        for (final MailboxLane lane : lanes)
        {
            lane.releaseThread();
        }
        acks.releaseThread();
        deadLetters.releaseThread();
    }

    private void closeFiles()
    {
        try
        {
            for (final MailboxLane lane : lanes)
            {
                lane.close();
            }
            deadLetters.close();
            acks.close();
        }
        finally
        {
            lock.close();
        }
    }

    /**
     * @return the damage found (and repaired) in the mailbox's files when it opened.
     */
    public StoreIntegrity integrity()
    {
        return integrity;
    }

    @Override
    public String toString()
    {
        return "ChronicleMailbox{high=" + queued(MessagePriority.HIGH) + "+" + inFlight(MessagePriority.HIGH) +
            " in flight, normal=" + queued(MessagePriority.NORMAL) + "+" + inFlight(MessagePriority.NORMAL) +
            " in flight, " + ctx + '}';
    }
}
