package dev.actr.journal.replay;

import dev.actr.journal.ChronicleQueues;
import dev.actr.journal.integrity.QueueRepair;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The writing side of one journal: its Chronicle queue, an appender created on first use by the writing thread,
 * and retention of its cycle files.
 *
 * <p>NOT thread safe: one writing thread.
 */
final class JournalQueue implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger(JournalQueue.class.getName());
    private static final int HEADER_CAPACITY = 64;
    private static final int NO_CYCLE = Integer.MIN_VALUE;

    private final JournalKind kind;
    private final Path path;
    private final SingleChronicleQueue queue;
    private final int retentionCycles;
    private final int maxRecordLength;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_CAPACITY]);
    private final ExpandableArrayBuffer offHeapCopy = new ExpandableArrayBuffer(128);
    private ExcerptAppender appender;
    private Thread owner;
    private int lastCycle = NO_CYCLE;

    JournalQueue(final JournalKind kind, final ReplayJournalContext ctx)
    {
        this.kind = kind;
        this.path = JournalFiles.queueDirectory(ctx.directory(), kind);
        this.retentionCycles = ctx.retentionCycles();
        this.maxRecordLength = ctx.maxRecordLength();
        QueueRepair.check(path, "replay journal " + kind.directoryName(), ctx.rollCycle(), ctx.blockSize(),
            QueueRepair.Policy.REPAIR, ctx.integrity(), "");
        this.queue = ChronicleQueues.binary(path)
            .rollCycle(ctx.rollCycle())
            .blockSize(ctx.blockSize())
            .timeProvider(ctx.timeProvider())
            .build();
    }

    /**
     * @return the journal this queue holds.
     */
    JournalKind kind()
    {
        return kind;
    }

    /**
     * @return the queue, for readers in this process.
     */
    SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * @return scratch space for the next record's header; fields are written little-endian at the descriptor's
     * offsets before {@link #append}.
     */
    MutableDirectBuffer header()
    {
        return header;
    }

    /**
     * Append one record: the first {@code headerLength} bytes of {@link #header()}, then the given bytes. When the
     * queue has moved to a new cycle file, old cycle files are deleted beyond the retention.
     *
     * @param headerLength bytes of header.
     * @param buffer       holding the record's bytes (may be null when {@code length} is 0).
     * @param offset       of the bytes.
     * @param length       of the bytes.
     */
    void append(final int headerLength, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || headerLength + (long)length > maxRecordLength)
        {
            throw new IllegalArgumentException(kind.directoryName() + " record of " + (headerLength + (long)length) +
                " bytes exceeds the largest record (" + maxRecordLength + " bytes, a quarter of blockSize)");
        }
        if (length > 0)
        {
            buffer.boundsCheck(offset, length);
        }
        takeAppender();
        try (DocumentContext dc = appender.writingDocument())
        {
            try
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.write(header.byteArray(), 0, headerLength);
                if (length > 0)
                {
                    writeBytes(bytes, buffer, offset, length);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                dc.rollbackOnClose();
                throw ex;
            }
        }
        final int cycle = appender.cycle();
        if (cycle != lastCycle)
        {
            lastCycle = cycle;
            applyRetention();
        }
    }

    /**
     * Chronicle binds an appender to the thread that made it. A node hands a journal from thread to thread (the
     * launching thread records a run's start, the engine thread what follows), never using it from two at once:
     * the appender is handed over explicitly on the first append of a new thread.
     */
    private void takeAppender()
    {
        final Thread current = Thread.currentThread();
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        else if (current != owner)
        {
            appender.singleThreadedCheckReset();
        }
        owner = current;
    }

    private void writeBytes(final Bytes<?> bytes, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            bytes.write(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            offHeapCopy.checkLimit(length);
            buffer.getBytes(offset, offHeapCopy, 0, length);
            bytes.write(offHeapCopy.byteArray(), 0, length);
        }
    }

    /**
     * Delete all but the newest cycle files the retention keeps.
     *
     * @return how many files were deleted.
     */
    int applyRetention()
    {
        final int deleted = JournalFiles.deleteOldest(path, retentionCycles, LOGGER);
        if (deleted > 0)
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /**
     * Read a little-endian long at an offset of the last record, from the calling thread.
     *
     * @param offset within the record.
     * @param absent returned when the queue has no record.
     * @return the value, or {@code absent}.
     */
    long lastRecordLong(final int offset, final long absent)
    {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return absent;
                    }
                    if (!QueueRepair.isPlaceholder(dc.wire().bytes()))
                    {
                        return readLong(dc.wire().bytes(), offset);
                    }
                }
            }
        }
    }

    private long readLong(final Bytes<?> bytes, final int offset)
    {
        if (bytes.readRemaining() < offset + Long.BYTES)
        {
            throw new IllegalStateException("last " + kind.directoryName() + " record in " + path + " is " +
                bytes.readRemaining() + " bytes, shorter than its header");
        }
        final byte[] value = new byte[Long.BYTES];
        bytes.read(bytes.readPosition() + offset, value, 0, Long.BYTES);
        return new UnsafeBuffer(value).getLong(0, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
            appender.close();
            appender = null;
        }
        queue.close();
    }
}
