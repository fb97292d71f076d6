package dev.actr.journal.integrity;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the cycle files of one Chronicle queue directory before the queue is opened, and repairs or refuses what is
 * damaged ({@link CycleFileScan} says how damage is found). A repair rebuilds the damaged cycle file with a real
 * Chronicle appender from its good records, in the same cycle, so every kept record keeps its index; the records
 * after the damage are replaced by {@link #PLACEHOLDER} records up to the last index the file's header (or the
 * store, {@link #ensureRecordsUpTo}) knows of, so that no later record is ever given the index of a lost one (an
 * effect consumer resuming after an index, or an ack naming one, stays right). The damaged file is kept beside the
 * queue as {@code <name>.cq4.damaged} (a hard link, so nothing is copied); the rebuilt file replaces it with one
 * atomic rename, so a crash during a repair leaves the damaged file to repair again.
 *
 * <p>Cold path: once per queue when a store opens, before Chronicle maps anything. Not for a queue another process
 * writes: the caller holds the directory ({@link dev.actr.journal.DirectoryLock}).
 */
public final class QueueRepair
{
    /** What to do with damage. */
    public enum Policy
    {
        /** Repair every damaged file (the lost records were not the store's only copy of anything committed). */
        REPAIR,
        /**
         * Repair a record a writer never finished (nothing complete is lost); refuse with a
         * {@link StoreDamageException} when complete records are lost.
         */
        REPAIR_TORN_ONLY,
        /** Report only: a reader that must not write. */
        REPORT
    }

    /** The bytes of a record that stands in for one lost to damage (malformed for every record layout). */
    public static final byte[] PLACEHOLDER = "actr:lost-record".getBytes(StandardCharsets.US_ASCII);

    static final String DAMAGED_SUFFIX = ".damaged";
    private static final String SUFFIX = ".cq4";

    private QueueRepair()
    {
    }

    /**
     * Check every cycle file of a queue; report each damaged one to {@code integrity} and repair or refuse it.
     *
     * @param queueDirectory the queue's directory (nothing is done when it does not exist).
     * @param store          what the queue is, for the reports ("mailbox normal", "dedup", ...).
     * @param rollCycle      the queue's roll cycle.
     * @param blockSize      the queue's block size.
     * @param policy         what to do with damage.
     * @param integrity      told of each damage.
     * @param advice         what the operator should do, appended to a refusal.
     * @return the damage found, oldest cycle first (repaired unless the policy is {@link Policy#REPORT}).
     * @throws StoreDamageException when the policy refuses a damage.
     */
    public static List<StoreDamage> check(
        final Path queueDirectory,
        final String store,
        final RollCycle rollCycle,
        final long blockSize,
        final Policy policy,
        final StoreIntegrity integrity,
        final String advice)
    {
        final List<StoreDamage> found = new ArrayList<>();
        final List<Path> files = cycleFiles(queueDirectory);
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final CycleFileScan scan = policy == Policy.REPORT ? settledScan(file) : scan(file);
            if (scan.damageOffset < 0 || policy == Policy.REPORT && scan.incompleteTailOnly)
            {
                continue; // a reader beside a live writer: a record being written is not damage
            }
            final int cycle = CycleNames.cycleOf(rollCycle, file);
            final StoreDamage damage = new StoreDamage(store, file, rollCycle.toIndex(cycle, scan.dataRecords),
                scan.damageOffset, scan.reason, scan.dataRecords, scan.lostRecords(), false, null);
            if (policy == Policy.REPORT || policy == Policy.REPAIR_TORN_ONLY && !scan.incompleteTailOnly)
            {
                integrity.onDamage(damage);
                found.add(damage);
                if (policy == Policy.REPORT)
                {
                    continue;
                }
                throw new StoreDamageException(damage, advice);
            }
            final long lastSequence = Math.max(scan.dataRecords - 1, scan.headerLastSequence);
            final Path copy = CycleRebuild.rebuild(queueDirectory, file, true, scan, rollCycle, blockSize, cycle,
                lastSequence, scan.endOfCycle || i < files.size() - 1);
            final StoreDamage repaired = damage.repairedKeeping(copy);
            integrity.onDamage(repaired);
            found.add(repaired);
        }
        return found;
    }

    /**
     * For a reader of a damaged queue, which must neither write it nor map it (a mapping of a file cut short faults
     * when read past its end, and a writable one extends the file, hiding the damage): a private copy holding every
     * cycle file's good records at their own indices, whole files copied as they are.
     *
     * @param queueDirectory the damaged queue's directory.
     * @param rollCycle      its roll cycle.
     * @param blockSize      its block size.
     * @return a new temporary directory holding the copy; the caller deletes it ({@link #deleteCopy}).
     */
    public static Path readableCopy(final Path queueDirectory, final RollCycle rollCycle, final long blockSize)
    {
        try
        {
            final Path copy = Files.createTempDirectory("actr-" + queueDirectory.getFileName() + "-readable-");
            final List<Path> files = cycleFiles(queueDirectory);
            for (int i = 0; i < files.size(); i++)
            {
                final Path file = files.get(i);
                final CycleFileScan scan = scan(file);
                if (scan.damageOffset < 0 || scan.incompleteTailOnly)
                {
                    Files.copy(file, copy.resolve(file.getFileName()));
                    continue;
                }
                CycleRebuild.rebuild(copy, file, false, scan, rollCycle, blockSize, CycleNames.cycleOf(rollCycle, file),
                    scan.dataRecords - 1, scan.endOfCycle || i < files.size() - 1);
            }
            return copy;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy the readable records of " + queueDirectory, ex);
        }
    }

    /**
     * Delete a copy {@link #readableCopy} made. Cold path.
     *
     * @param copy the copy's directory.
     */
    public static void deleteCopy(final Path copy)
    {
        try
        {
            CycleRebuild.deleteTree(copy);
        }
        catch (final IOException ex)
        {
            System.getLogger(QueueRepair.class.getName()).log(System.Logger.Level.WARNING, "cannot delete " + copy, ex);
        }
    }

    /**
     * Make sure the queue has a record (a placeholder if need be) at every index up to {@code index} of its cycle:
     * the store's own journal names that index, so a record was written there. A missing cycle file, or one whose
     * records end before it, lost records: that is reported as damage and the gap filled with placeholders, so that
     * no new record takes a lost one's index. Call after {@link #check}.
     *
     * @param queueDirectory the queue's directory.
     * @param store          what the queue is.
     * @param rollCycle      the queue's roll cycle.
     * @param blockSize      the queue's block size.
     * @param index          the highest index the store knows was written; negative: nothing to do.
     * @param integrity      told of the damage.
     * @return true when records were missing (and are now placeholders).
     */
    public static boolean ensureRecordsUpTo(
        final Path queueDirectory,
        final String store,
        final RollCycle rollCycle,
        final long blockSize,
        final long index,
        final StoreIntegrity integrity)
    {
        if (index < 0)
        {
            return false;
        }
        final int cycle = rollCycle.toCycle(index);
        final long sequence = rollCycle.toSequenceNumber(index);
        final Path file = queueDirectory.resolve(CycleNames.name(rollCycle, cycle));
        final boolean exists = Files.exists(file);
        final CycleFileScan scan = exists ? scan(file) : CycleFileScan.empty(file);
        if (scan.dataRecords > sequence)
        {
            return false;
        }
        final boolean later = cycleFiles(queueDirectory).stream()
            .anyMatch(other -> other.getFileName().toString().compareTo(file.getFileName().toString()) > 0);
        final StoreDamage damage = new StoreDamage(store, file, rollCycle.toIndex(cycle, scan.dataRecords),
            exists ? scan.fileLength : 0, exists ? "its records end before index 0x" + Long.toHexString(index) +
            ", which the store's journal names" : "the cycle file is missing, yet the store's journal names index 0x" +
            Long.toHexString(index) + " in it", scan.dataRecords, sequence + 1 - scan.dataRecords, false, null);
        final Path copy = CycleRebuild.rebuild(queueDirectory, exists ? file : null, true, scan, rollCycle, blockSize,
            cycle, sequence, scan.endOfCycle || later);
        integrity.onDamage(damage.repairedKeeping(copy));
        return true;
    }

    /**
     * @param bytes a record's bytes, from its read position to its read limit.
     * @return true when the record is a {@link #PLACEHOLDER} a repair wrote for a lost one.
     */
    public static boolean isPlaceholder(final Bytes<?> bytes)
    {
        if (bytes.readRemaining() != PLACEHOLDER.length)
        {
            return false;
        }
        final long start = bytes.readPosition();
        for (int i = 0; i < PLACEHOLDER.length; i++)
        {
            if (bytes.readByte(start + i) != PLACEHOLDER[i])
            {
                return false;
            }
        }
        return true;
    }

    static List<Path> cycleFiles(final Path queueDirectory)
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(queueDirectory))
        {
            return files;
        }
        try (var entries = Files.list(queueDirectory))
        {
            entries.filter(path -> path.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(path))
                .forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + queueDirectory, ex);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    /**
     * A reader's scan may race a live writer (a record appended after the walk looks like bytes after the end):
     * damage counts only when two scans in a row find it at the same offset.
     */
    private static CycleFileScan settledScan(final Path file)
    {
        CycleFileScan scan = scan(file);
        for (int attempt = 0; attempt < 3 && scan.damageOffset >= 0; attempt++)
        {
            final CycleFileScan again = scan(file);
            if (again.damageOffset == scan.damageOffset)
            {
                return again;
            }
            scan = again;
        }
        return scan;
    }

    private static CycleFileScan scan(final Path file)
    {
        try
        {
            return CycleFileScan.scan(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + " to check it", ex);
        }
    }

    /**
     * Copy a record's bytes from a damaged file (see {@link CycleFileScan#readRecord}).
     */
    static void copyRecord(final FileChannel source, final CycleFileScan scan, final int record, final ByteBuffer into,
        final Bytes<?> to) throws IOException
    {
        scan.readRecord(source, record, into);
        to.write(into.array(), 0, into.limit());
    }
}
