package dev.actr.journal.dedup;

import dev.actr.journal.ChronicleQueues;
import dev.actr.journal.integrity.QueueRepair;
import dev.actr.journal.integrity.StoreDamage;
import dev.actr.journal.integrity.StoreIntegrity;
import net.openhft.chronicle.bytes.Bytes;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;

import static dev.actr.journal.dedup.DedupRecordDescriptor.CALLER_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.EFFECT_LENGTH_PREFIX;
import static dev.actr.journal.dedup.DedupRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.dedup.DedupRecordDescriptor.REQUEST_KEY_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.RESPONDER_OFFSET;

/**
 * Tails the committed effects of a node: the effects each handler recorded, read from the records of its
 * {@link DedupJournal} (a transactional outbox). An effect is there exactly once per request the node executed to
 * completion, however often the node crashed and redelivered it, because it is written in the same document as the
 * request's answer. A consumer that keeps the index of the last record it processed resumes after it with
 * {@link #seekAfter(long)} and sees every later effect once. Records are deleted with the dedup window's retention;
 * a consumer must keep up within it. It reads the memory-mapped files, so under a forcing fsync policy it can see a
 * commit a moment before it is forced to disk (a power cut in that moment takes it back; a process crash does not).
 *
 * <p>A damaged journal (a file cut short, a damaged record header) is read, not repaired: the reader reads the records
 * before the damage from a private copy and lists the damage in {@link #damage()} (also logged); a node refuses to
 * start on such a journal until it is restored or {@link DedupJournal#repair repaired}.
 *
 * <p>May run in another thread or process than the node. NOT thread safe.
 */
public final class EffectReader implements AutoCloseable
{
    /** Told of each committed effect, in commit order. */
    @FunctionalInterface
    public interface EffectHandler
    {
        /**
         * @param recordIndex    index of the record holding the effect (resume point for {@link #seekAfter}).
         * @param ordinal        position of the effect among its record's effects, from 0.
         * @param responderIndex the actor that recorded it.
         * @param callerIndex    who asked.
         * @param requestKey     the request's key.
         * @param buffer         holding the effect (valid only during the call).
         * @param offset         of the effect.
         * @param length         of the effect.
         */
        void onEffect(
            long recordIndex, int ordinal, int responderIndex, int callerIndex, long requestKey, DirectBuffer buffer,
            int offset, int length);
    }

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final List<StoreDamage> damage;
    private final Path copy;
    private long malformedRecords;
    private long lostRecords;

    private EffectReader(final Path directory)
    {
        // Damage is reported (logged, and in damage()), never repaired here: a damaged journal is read from a private
        // copy of its good records, since mapping it would fault past a cut or (writable) extend the file and hide
        // the damage from the node's own check.
        damage = QueueRepair.check(directory, "dedup journal", RollCycles.FAST_HOURLY,
            ChronicleMailboxContext.BLOCK_SIZE_DEFAULT, QueueRepair.Policy.REPORT, new StoreIntegrity(), "");
        copy = damage.isEmpty() ? null :
            QueueRepair.readableCopy(directory, RollCycles.FAST_HOURLY, ChronicleMailboxContext.BLOCK_SIZE_DEFAULT);
        queue = ChronicleQueues.binary(copy == null ? directory : copy)
            .rollCycle(RollCycles.FAST_HOURLY).build();
        tailer = queue.createTailer().toStart();
    }

    /**
     * @param directory the node's dedup journal directory.
     * @return a reader positioned at the oldest retained record.
     */
    public static EffectReader open(final Path directory)
    {
        return new EffectReader(directory);
    }

    /**
     * Resume after a record already processed.
     *
     * @param recordIndex a {@code recordIndex} an {@link EffectHandler} was given.
     * @return this reader.
     * @throws IllegalArgumentException when the record is no longer retained.
     */
    public EffectReader seekAfter(final long recordIndex)
    {
        if (!tailer.moveToIndex(recordIndex))
        {
            throw new IllegalArgumentException("record " + Long.toHexString(recordIndex) + " is not retained");
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                throw new IllegalArgumentException("record " + Long.toHexString(recordIndex) + " is not retained");
            }
        }
        return this;
    }

    /**
     * Read committed records from the current position, telling the handler of their effects.
     *
     * @param handler     told of each effect.
     * @param recordLimit most records to read.
     * @return records read (with or without effects); 0 when caught up.
     */
    public int poll(final EffectHandler handler, final int recordLimit)
    {
        int records = 0;
        while (records < recordLimit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                records++;
                onRecord(dc.index(), dc.wire().bytes(), handler);
            }
        }
        return records;
    }

    private void onRecord(final long index, final Bytes<?> bytes, final EffectHandler handler)
    {
        if (QueueRepair.isPlaceholder(bytes))
        {
            lostRecords++;
            return;
        }
        final long start = bytes.readPosition();
        final int replyLength = DedupRecordDescriptor.replyLength(bytes, start);
        if (replyLength < 0)
        {
            malformedRecords++;
            return;
        }
        final int responder = bytes.readInt(start + RESPONDER_OFFSET);
        final int caller = bytes.readInt(start + CALLER_OFFSET);
        final long requestKey = bytes.readLong(start + REQUEST_KEY_OFFSET);
        long position = start + HEADER_LENGTH + replyLength;
        int ordinal = 0;
        while (position + EFFECT_LENGTH_PREFIX <= bytes.readLimit())
        {
            final int length = bytes.readInt(position);
            position += EFFECT_LENGTH_PREFIX;
            if (length < 0 || position + length > bytes.readLimit())
            {
                malformedRecords++;
                return;
            }
            view.wrap(bytes.addressForRead(position), length);
            handler.onEffect(index, ordinal++, responder, caller, requestKey, view, 0, length);
            position += length;
        }
    }

    /**
     * @return records whose layout was broken (skipped, with any effects after the break).
     */
    public long malformedRecords()
    {
        return malformedRecords;
    }

    /**
     * @return placeholders read: records a repair of the journal ({@link DedupJournal#repair}) found lost to damage.
     */
    public long lostRecords()
    {
        return lostRecords;
    }

    /**
     * @return damage found in the journal's files when this reader opened (each also logged as a WARNING), oldest
     * first; the records before the damage of each file are read. Empty when the files are whole.
     */
    public List<StoreDamage> damage()
    {
        return damage;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
        if (copy != null)
        {
            QueueRepair.deleteCopy(copy);
        }
    }
}
