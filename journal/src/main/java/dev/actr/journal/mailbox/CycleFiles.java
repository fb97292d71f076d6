package dev.actr.journal.mailbox;

import net.openhft.chronicle.queue.RollCycle;

import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Deletes whole roll-cycle files of a queue below a cycle. Chronicle names cycle files with the roll cycle's
 * date format, which sorts like the cycles themselves, so "older than cycle c" is "name before the name of c".
 */
final class CycleFiles
{
    static final String SUFFIX = ".cq4";

    private CycleFiles()
    {
    }

    /**
     * @param directory of the queue.
     * @param rollCycle of the queue.
     * @param cycle     first cycle to keep.
     * @return files deleted.
     */
    static int deleteBefore(final File directory, final RollCycle rollCycle, final int cycle)
    {
        final String keepFrom = name(rollCycle, cycle);
        final File[] files = directory.listFiles((dir, name) -> name.endsWith(SUFFIX));
        int deleted = 0;
        if (files != null)
        {
            for (final File file : files)
            {
                if (file.getName().compareTo(keepFrom) < 0 && file.delete())
                {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /**
     * @param directory of the queue.
     * @return cycle files present.
     */
    static int count(final File directory)
    {
        final File[] files = directory.listFiles((dir, name) -> name.endsWith(SUFFIX));
        return files == null ? 0 : files.length;
    }

    static String name(final RollCycle rollCycle, final int cycle)
    {
        final long millis = (long)cycle * rollCycle.lengthInMillis() + rollCycle.defaultEpoch();
        return DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(millis)) + SUFFIX;
    }
}
