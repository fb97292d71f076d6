package dev.actr.journal.replay;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a journal directory keeps its files, and the cycle files of one queue. Cold path only.
 *
 * <p>Cycle files are ordered by name: every Chronicle roll cycle names its files with a fixed-width date
 * pattern, largest unit first ({@code yyyyMMdd-HH'F'} for {@code FAST_HOURLY}), so name order is time order.
 */
final class JournalFiles
{
    /** Name of the manifest file in a journal directory. */
    static final String MANIFEST_FILE = "manifest.txt";

    private JournalFiles()
    {
    }

    /**
     * @param directory a journal directory.
     * @param kind      a journal.
     * @return the directory of that journal's queue.
     */
    static Path queueDirectory(final Path directory, final JournalKind kind)
    {
        return directory.resolve(kind.directoryName());
    }

    /**
     * @param directory a journal directory that must exist.
     * @throws IllegalArgumentException naming the path when it is not a directory.
     */
    static void requireDirectory(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("replay journal directory does not exist: " + directory.toAbsolutePath());
        }
    }

    /**
     * @param directory a journal directory.
     * @param kind      a journal that must have been written there.
     * @return the directory of that journal's queue.
     * @throws IllegalArgumentException naming the path when the directory or the journal does not exist.
     */
    static Path requireQueueDirectory(final Path directory, final JournalKind kind)
    {
        requireDirectory(directory);
        final Path queueDirectory = queueDirectory(directory, kind);
        if (!Files.isRegularFile(queueDirectory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE)))
        {
            throw new IllegalArgumentException(
                "no " + kind.directoryName() + " journal in " + directory.toAbsolutePath() + " (missing " +
                queueDirectory.toAbsolutePath() + ')');
        }
        return queueDirectory;
    }

    /**
     * @param queueDirectory a queue's directory.
     * @return its cycle files, oldest first; empty when the directory does not exist.
     */
    static List<Path> cycleFiles(final Path queueDirectory)
    {
        if (!Files.isDirectory(queueDirectory))
        {
            return Collections.emptyList();
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(queueDirectory))
        {
            entries
                .filter(path -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .filter(Files::isRegularFile)
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
     * @param file a file.
     * @return its length in bytes (apparent size: cycle files are sparse), 0 if it vanished.
     */
    static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * Delete all but the newest {@code keep} cycle files of a queue.
     *
     * @param queueDirectory a queue's directory.
     * @param keep           how many of the newest cycle files to keep (at least 1).
     * @param logger         told about every file deleted or that could not be.
     * @return how many files were deleted.
     */
    static int deleteOldest(final Path queueDirectory, final int keep, final System.Logger logger)
    {
        final List<Path> files = cycleFiles(queueDirectory);
        final int excess = files.size() - Math.max(1, keep);
        int deleted = 0;
        for (int i = 0; i < excess; i++)
        {
            final Path file = files.get(i);
            try
            {
                if (Files.deleteIfExists(file))
                {
                    deleted++;
                    logger.log(System.Logger.Level.DEBUG, "replay journal retention deleted {0}", file);
                }
            }
            catch (final IOException ex)
            {
                logger.log(System.Logger.Level.WARNING, "replay journal retention cannot delete " + file, ex);
            }
        }
        return deleted;
    }
}
