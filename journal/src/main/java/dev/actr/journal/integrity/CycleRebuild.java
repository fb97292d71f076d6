package dev.actr.journal.integrity;

import dev.actr.journal.ChronicleQueues;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rebuilds one cycle file from the good records of a damaged one (see {@link QueueRepair}): a scratch queue beside
 * the damaged one, with a clock held inside the cycle, takes the records in order, so each gets its old index.
 */
final class CycleRebuild
{
    private CycleRebuild()
    {
    }

    /**
     * @param queueDirectory the directory the rebuilt file goes to (the queue's, or a reader's private copy).
     * @param damaged        the damaged file, or null when it is missing.
     * @param keepDamaged    keep the damaged file as {@code <name>.damaged} (it is replaced in its directory).
     * @param scan           its scan.
     * @param rollCycle      the queue's roll cycle.
     * @param blockSize      the queue's block size.
     * @param cycle          the file's cycle.
     * @param lastSequence   the last sequence to fill (placeholders after the good records).
     * @param endOfCycle     end the rebuilt cycle with Chronicle's end-of-cycle marker (a later cycle exists).
     * @return the damaged file as it was (null when it was missing).
     */
    static Path rebuild(
        final Path queueDirectory,
        final Path damaged,
        final boolean keepDamaged,
        final CycleFileScan scan,
        final RollCycle rollCycle,
        final long blockSize,
        final int cycle,
        final long lastSequence,
        final boolean endOfCycle)
    {
        final Path scratch = queueDirectory.resolveSibling(queueDirectory.getFileName() + ".repair");
        final Path target = queueDirectory.resolve(CycleNames.name(rollCycle, cycle));
        try
        {
            deleteTree(scratch);
            Files.createDirectories(scratch);
            final SetTimeProvider clock = new SetTimeProvider(
                TimeUnit.MILLISECONDS.toNanos(CycleNames.startMillis(rollCycle, cycle)));
            // A record may be at most a quarter of a block: make room for the largest one found.
            final long mib = 1024 * 1024;
            final long block = Math.max(blockSize, (4L * scan.maxRecordLength() + mib - 1) / mib * mib);
            try (SingleChronicleQueue queue = ChronicleQueues.binary(scratch).rollCycle(rollCycle)
                .blockSize(block).timeProvider(clock).build();
                ExcerptAppender appender = queue.createAppender())
            {
                copy(damaged, scan, appender);
                for (long sequence = scan.dataRecords; sequence <= lastSequence; sequence++)
                {
                    try (DocumentContext dc = appender.writingDocument())
                    {
                        dc.wire().bytes().write(QueueRepair.PLACEHOLDER);
                    }
                }
                if (endOfCycle)
                {
                    // Moving the clock to the next cycle and writing there makes Chronicle end this one properly.
                    clock.currentTimeMillis(CycleNames.startMillis(rollCycle, cycle + 1));
                    try (DocumentContext dc = appender.writingDocument())
                    {
                        dc.wire().bytes().write(QueueRepair.PLACEHOLDER);
                    }
                }
            }
            final Path kept = damaged == null || !keepDamaged ? null : keep(damaged);
            final Path rebuilt = scratch.resolve(target.getFileName());
            if (Files.exists(rebuilt))
            {
                Files.move(rebuilt, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            else
            {
                Files.deleteIfExists(target); // no record to keep: Chronicle starts the cycle afresh
            }
            forceDirectory(queueDirectory);
            deleteTree(scratch);
            return kept;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot repair " + target, ex);
        }
    }

    private static void copy(final Path damaged, final CycleFileScan scan, final ExcerptAppender appender)
        throws IOException
    {
        if (damaged == null || scan.dataRecords == 0)
        {
            return;
        }
        final ByteBuffer record = ByteBuffer.allocate(Math.max(1, scan.maxRecordLength()));
        try (FileChannel source = FileChannel.open(damaged, StandardOpenOption.READ))
        {
            for (int i = 0; i < scan.dataRecords; i++)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    QueueRepair.copyRecord(source, scan, i, record, dc.wire().bytes());
                }
            }
        }
    }

    /**
     * Keep the damaged file under another name: a hard link (instant, no copy), else a copy.
     */
    private static Path keep(final Path damaged) throws IOException
    {
        Path kept = damaged.resolveSibling(damaged.getFileName() + QueueRepair.DAMAGED_SUFFIX);
        for (int n = 1; Files.exists(kept); n++)
        {
            kept = damaged.resolveSibling(damaged.getFileName() + QueueRepair.DAMAGED_SUFFIX + "-" + n);
        }
        try
        {
            Files.createLink(kept, damaged);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            Files.copy(damaged, kept);
        }
        return kept;
    }

    private static void forceDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }

    static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
