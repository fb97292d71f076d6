package dev.actr.journal.replay;

import dev.actr.journal.ChronicleQueues;
import dev.actr.journal.integrity.QueueRepair;
import dev.actr.journal.integrity.StoreDamage;
import dev.actr.journal.integrity.StoreIntegrity;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one journal from its start (the oldest cycle file retention kept), one record at a time, through a
 * reused {@link JournalRecord} flyweight:
 *
 * <pre>{@code
 * try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
 * {
 *     while (reader.next())
 *     {
 *         final JournalRecord record = reader.record();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * A reader opened on a directory maps it read-only and does not need the writer: another process may be writing
 * it, and {@link #next()} sees records as they are appended.
 *
 * <p>NOT thread safe: Chronicle binds the tailer to the thread of the first {@link #next()}; use the reader from
 * that thread only.
 */
public final class JournalReader implements AutoCloseable
{
    private final JournalKind kind;
    private final ChronicleQueue queue;
    private final boolean ownsQueue;
    private final JournalRecord record = new JournalRecord();
    private final List<StoreDamage> damage;
    private final Path copy;
    private ExcerptTailer tailer;
    private boolean closed;

    private JournalReader(
        final JournalKind kind,
        final ChronicleQueue queue,
        final boolean ownsQueue,
        final List<StoreDamage> damage,
        final Path copy)
    {
        this.kind = kind;
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.damage = damage;
        this.copy = copy;
    }

    /**
     * Open one journal of a journal directory, read-only.
     *
     * @param directory the journal directory (holding {@code ingress/}, {@code dispatch/}, {@code outbound/}).
     * @param kind      the journal to read.
     * @return a reader positioned before the first record; the caller closes it.
     * @throws IllegalArgumentException naming the path when the directory or that journal does not exist.
     */
    public static JournalReader open(final Path directory, final JournalKind kind)
    {
        final Path queueDirectory = JournalFiles.requireQueueDirectory(directory, kind);
        // Damage is reported (logged, and in damage()), never repaired here: a damaged journal is read from a private
        // copy of its good records (mapping it would fault past a cut). Opening the queue maps no cycle file yet.
        final ChronicleQueue queue = ChronicleQueues.binary(queueDirectory)
            .rollCycle(ReplayJournalContext.ROLL_CYCLE_DEFAULT).readOnly(true).build();
        final List<StoreDamage> damage;
        try
        {
            damage = QueueRepair.check(queueDirectory, "replay journal " + kind.directoryName(), queue.rollCycle(),
                ReplayJournalContext.BLOCK_SIZE_DEFAULT, QueueRepair.Policy.REPORT, new StoreIntegrity(), "");
        }
        catch (final RuntimeException | Error ex)
        {
            queue.close();
            throw ex;
        }
        if (damage.isEmpty())
        {
            return new JournalReader(kind, queue, true, damage, null);
        }
        final RollCycle rollCycle = queue.rollCycle();
        queue.close();
        final Path copy = QueueRepair.readableCopy(queueDirectory, rollCycle, ReplayJournalContext.BLOCK_SIZE_DEFAULT);
        return new JournalReader(kind, ChronicleQueues.binary(copy).rollCycle(rollCycle).readOnly(true).build(), true,
            damage, copy);
    }

    static JournalReader over(final ChronicleQueue queue, final JournalKind kind)
    {
        return new JournalReader(kind, queue, false, List.of(), null);
    }

    /**
     * @return damage found in the journal's files when this reader opened (each also logged as a WARNING), oldest
     * first; the records before the damage of each file are read. Empty when the files are whole.
     */
    public List<StoreDamage> damage()
    {
        return damage;
    }

    /**
     * @return the journal this reader reads.
     */
    public JournalKind kind()
    {
        return kind;
    }

    /**
     * Move to the next record.
     *
     * @return true when there was one: {@link #record()} now shows it; false at the end of what is written so far.
     */
    public boolean next()
    {
        if (closed)
        {
            throw new IllegalStateException("journal reader is closed: " + kind.directoryName());
        }
        if (tailer == null)
        {
            tailer = queue.createTailer();
        }
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                if (QueueRepair.isPlaceholder(bytes))
                {
                    continue; // a record lost to damage, reported when the journal was repaired
                }
                record.load(kind, dc.index(), bytes, bytes.readPosition(), (int)bytes.readRemaining());
                return true;
            }
        }
    }

    /**
     * @return the record {@link #next()} moved to; the same flyweight every time.
     */
    public JournalRecord record()
    {
        return record;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (tailer != null)
            {
                tailer.singleThreadedCheckReset();
                tailer.close();
            }
            if (ownsQueue)
            {
                queue.close();
            }
            if (copy != null)
            {
                QueueRepair.deleteCopy(copy);
            }
        }
    }
}
