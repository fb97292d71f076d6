package dev.actr.journal.dedup;

import dev.actr.journal.ChronicleQueues;
import dev.actr.journal.DirectoryLock;
import dev.actr.journal.integrity.QueueRepair;
import dev.actr.journal.integrity.StoreDamage;
import dev.actr.journal.integrity.StoreIntegrity;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.FsyncPolicy;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static dev.actr.journal.dedup.DedupRecordDescriptor.CALLER_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.HEADER_LENGTH;
import static dev.actr.journal.dedup.DedupRecordDescriptor.MESSAGE_ID_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.PAYLOAD_TYPE_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.REQUEST_KEY_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.RESPONDER_OFFSET;
import static dev.actr.journal.dedup.DedupRecordDescriptor.TAKEN_NS_OFFSET;

/**
 * A Chronicle queue of answered requests ({@link DedupRecordDescriptor}): each record is the commit point of one
 * request or tell, holding its reply and the durable effects its handler recorded. Written by the engine thread
 * when a reply is sent (or a tell completes); read back once at start-up for the records still inside the dedup
 * window, and tailed by effect consumers through {@link EffectReader}. Hourly files older than the window (and
 * never fewer than two) are deleted as the queue rolls.
 *
 * <p>NOT thread safe: one writing thread (the appender is created on first use, by that thread).
 */
public final class DedupJournal implements AutoCloseable
{
    private static final String STORE = "dedup journal";

    /** Told of each record read back. */
    @FunctionalInterface
    public interface RecordHandler
    {
        /**
         * @param callerIndex    who asked.
         * @param requestKey     the request's key.
         * @param takenNs        when it was taken.
         * @param responderIndex the actor that handled it.
         * @param payloadType    lane of the reply.
         * @param messageId      mailbox message id of the request, -1 when none.
         * @param newest         one of the newest records (see {@link #load}), whose ack a crash may have lost.
         * @param reply          the reply frame, empty for a tell (valid only during the call).
         * @param offset         of the frame.
         * @param length         of the frame.
         */
        void onRecord(
            int callerIndex, long requestKey, long takenNs, int responderIndex, int payloadType, long messageId,
            boolean newest, DirectBuffer reply, int offset, int length);
    }

    private final DirectoryLock lock;
    private final SingleChronicleQueue queue;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private ExcerptAppender appender;
    private int lastCycle = Integer.MIN_VALUE;
    private final long windowNs;
    private final FsyncPolicy fsyncPolicy;
    private boolean dirty;

    /**
     * @param directory where the queue lives.
     * @param windowNs  how long records matter; files entirely older are deleted.
     */
    public DedupJournal(final Path directory, final long windowNs)
    {
        this(directory, windowNs, FsyncPolicy.NONE, ChronicleMailboxContext.BLOCK_SIZE_DEFAULT);
    }

    /**
     * @param directory   where the queue lives.
     * @param windowNs    how long records matter; files entirely older are deleted.
     * @param fsyncPolicy {@code PER_MESSAGE} forces every record as it is appended; {@code GROUP} forces on
     *                    {@link #sync()}; {@code NONE} never.
     * @param blockSize   Chronicle's mapping chunk: a record may be at most a quarter of it
     *                    ({@link ChronicleMailboxContext#blockSizeFor}).
     */
    public DedupJournal(final Path directory, final long windowNs, final FsyncPolicy fsyncPolicy, final long blockSize)
    {
        this(directory, windowNs, fsyncPolicy, blockSize, new StoreIntegrity());
    }

    /**
     * Open (or create) the journal: take its directory ({@link DirectoryLock}), then check its files. A record a
     * writer never finished is cut off (it was never committed); damage that lost committed records refuses the
     * open with a {@link dev.actr.journal.integrity.StoreDamageException} naming the file and the index, since those
     * commits cannot be had back: restore the directory from a backup, or accept the loss with {@link #repair}.
     *
     * @param directory   where the queue lives.
     * @param windowNs    how long records matter; files entirely older are deleted.
     * @param fsyncPolicy {@code PER_MESSAGE} forces every record as it is appended; {@code GROUP} forces on
     *                    {@link #sync()}; {@code NONE} never.
     * @param blockSize   Chronicle's mapping chunk: a record may be at most a quarter of it
     *                    ({@link ChronicleMailboxContext#blockSizeFor}).
     * @param integrity   told of damage found in the files.
     * @throws dev.actr.journal.DirectoryLockedException when another writer holds the directory.
     */
    public DedupJournal(
        final Path directory,
        final long windowNs,
        final FsyncPolicy fsyncPolicy,
        final long blockSize,
        final StoreIntegrity integrity)
    {
        this.fsyncPolicy = fsyncPolicy;
        this.windowNs = windowNs;
        this.lock = DirectoryLock.acquire(directory, "actr dedup journal");
        try
        {
            QueueRepair.check(directory, STORE, RollCycles.FAST_HOURLY, blockSize, QueueRepair.Policy.REPAIR_TORN_ONLY,
                integrity, repairAdvice(directory));
            this.queue = ChronicleQueues.binary(directory)
                .rollCycle(RollCycles.FAST_HOURLY)
                .blockSize(blockSize)
                .syncMode(fsyncPolicy == FsyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
                .build();
        }
        catch (final RuntimeException | Error ex)
        {
            lock.close();
            throw ex;
        }
    }

    /**
     * Accept the loss of damaged records: cut every damaged file of a dedup journal at its damage, keeping the
     * records before it at their indices and a placeholder (skipped by every reader) for each record lost, and keep
     * the damaged file beside it ({@code .damaged}). The lost records' effects are gone, and their requests, if
     * redelivered, run again. Run with the node stopped.
     *
     * @param directory the dedup journal's directory (a node's {@code <directory>/dedup}).
     * @param integrity told of each damaged file repaired.
     * @return damaged files repaired.
     * @throws dev.actr.journal.DirectoryLockedException when a node or another writer holds the directory.
     */
    public static int repair(final Path directory, final StoreIntegrity integrity)
    {
        final DirectoryLock repairLock = DirectoryLock.acquire(directory, "actr dedup journal repair");
        try
        {
            return QueueRepair.check(directory, STORE, RollCycles.FAST_HOURLY,
                ChronicleMailboxContext.BLOCK_SIZE_DEFAULT, QueueRepair.Policy.REPAIR, integrity, "").size();
        }
        finally
        {
            repairLock.close();
        }
    }

    /**
     * Report, without writing anything, the damage in a dedup journal's files (what {@link #repair} would cut).
     *
     * @param directory the dedup journal's directory (a node's {@code <directory>/dedup}).
     * @param integrity told of each damaged file.
     * @return the damage found, oldest cycle first; empty when the files are whole.
     */
    public static List<StoreDamage> check(final Path directory, final StoreIntegrity integrity)
    {
        return QueueRepair.check(directory, STORE, RollCycles.FAST_HOURLY, ChronicleMailboxContext.BLOCK_SIZE_DEFAULT,
            QueueRepair.Policy.REPORT, integrity, "");
    }

    private static String repairAdvice(final Path directory)
    {
        final Path absolute = directory.toAbsolutePath();
        return "The node refuses to start on a commit journal that lost committed records: restore " + absolute +
            " from a backup, or accept the loss with 'actr journal repair " + absolute.getParent() +
            " --accept-loss' (DedupJournal.repair in Java; the lost requests' effects are gone, and a redelivered " +
            "one runs again)";
    }

    /**
     * Journal an answered request or completed tell, with its effects, in one document.
     *
     * @param callerIndex    who asked.
     * @param requestKey     the request's key.
     * @param takenNs        when it was taken.
     * @param responderIndex the actor that handled it.
     * @param payloadType    lane of the reply.
     * @param reply          holding the reply frame (null for a tell).
     * @param offset         of the frame.
     * @param length         of the frame.
     * @param effects        holding the effects, each prefixed by its i32 length (see {@link DedupRecordDescriptor}).
     * @param effectsLength  bytes of effects, 0 for none.
     * @param messageId      mailbox message id of the request (acked right after), -1 when none.
     */
    public void append(
        final int callerIndex,
        final long requestKey,
        final long takenNs,
        final int responderIndex,
        final int payloadType,
        final long messageId,
        final DirectBuffer reply,
        final int offset,
        final int length,
        final DirectBuffer effects,
        final int effectsLength)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeInt(callerIndex);
            bytes.writeInt(responderIndex);
            bytes.writeInt(payloadType);
            bytes.writeInt(length);
            bytes.writeLong(requestKey);
            bytes.writeLong(takenNs);
            bytes.writeLong(messageId);
            write(bytes, reply, offset, length);
            write(bytes, effects, 0, effectsLength);
        }
        dirty = true;
        if (fsyncPolicy == FsyncPolicy.PER_MESSAGE)
        {
            sync();
        }
        if (appender.cycle() != lastCycle)
        {
            lastCycle = appender.cycle();
            deleteOldCycles();
        }
    }

    private static void write(final Bytes<?> bytes, final DirectBuffer source, final int offset, final int length)
    {
        if (length == 0)
        {
            return;
        }
        final byte[] array = source.byteArray();
        if (array != null)
        {
            bytes.write(array, source.wrapAdjustment() + offset, length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                bytes.writeByte(source.getByte(offset + i));
            }
        }
    }

    /**
     * Read back, oldest first, every record taken at or after {@code fromNs}, and also the last
     * {@code tailRecords} records whatever their age: a crash can leave the newest commits without their acks,
     * and their messages, redelivered after a restart that came later than the window, must still find them.
     *
     * @param fromNs      start of the window.
     * @param tailRecords newest records always read back.
     * @param handler     told of each record.
     * @return records read back.
     */
    public int load(final long fromNs, final int tailRecords, final RecordHandler handler)
    {
        final long tailStart = indexOfTail(tailRecords);
        int loaded = 0;
        try (ExcerptTailer tailer = queue.createTailer().toStart())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    final int length = DedupRecordDescriptor.replyLength(bytes, start); // -1 for placeholders too
                    final boolean newest = dc.index() >= tailStart;
                    if (length < 0 || (bytes.readLong(start + TAKEN_NS_OFFSET) < fromNs && !newest))
                    {
                        continue;
                    }
                    view.wrap(bytes.addressForRead(start + HEADER_LENGTH), length);
                    handler.onRecord(bytes.readInt(start + CALLER_OFFSET), bytes.readLong(start + REQUEST_KEY_OFFSET),
                        bytes.readLong(start + TAKEN_NS_OFFSET), bytes.readInt(start + RESPONDER_OFFSET),
                        bytes.readInt(start + PAYLOAD_TYPE_OFFSET), bytes.readLong(start + MESSAGE_ID_OFFSET), newest,
                        view, 0, length);
                    loaded++;
                }
            }
        }
        return loaded;
    }

    private long indexOfTail(final int records)
    {
        long index = Long.MAX_VALUE;
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            for (int i = 0; i < records; i++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    index = dc.index();
                }
            }
        }
        return index;
    }

    private void deleteOldCycles()
    {
        final long cycleMs = queue.rollCycle().lengthInMillis();
        final int keepCycles = (int)Math.max(2, windowNs / 1_000_000 / cycleMs + 2);
        final File[] files = queue.file().listFiles((dir, name) -> name.endsWith(".cq4"));
        if (files != null && files.length > keepCycles)
        {
            java.util.Arrays.sort(files);
            for (int i = 0; i < files.length - keepCycles; i++)
            {
                if (files[i].delete())
                {
                    queue.refreshDirectoryListing();
                }
            }
        }
    }

    /**
     * Force the records appended since the last sync to disk (a group commit); does nothing under
     * {@code FsyncPolicy.NONE}.
     */
    public void sync()
    {
        if (dirty && fsyncPolicy != FsyncPolicy.NONE)
        {
            appender.sync();
        }
        dirty = false;
    }

    /**
     * @return true when acks must wait for {@link #sync()}: the policy is {@code GROUP}.
     */
    public boolean groupCommit()
    {
        return fsyncPolicy == FsyncPolicy.GROUP;
    }

    /**
     * Let another thread take over the appender (after the writer stopped).
     */
    public void releaseThread()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    @Override
    public void close()
    {
        releaseThread();
        try
        {
            if (appender != null)
            {
                appender.close();
            }
            queue.close();
        }
        finally
        {
            lock.close();
        }
    }
}
