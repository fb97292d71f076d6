package dev.actr.journal.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of a journal directory, per journal: record count and bytes, first and last record time, cycle files
 * and their size. Reads every record: a cold-path tool for the CLI and tests.
 */
public final class JournalStats
{
    private final Path directory;
    private final Map<JournalKind, JournalKindStats> byKind;

    private JournalStats(final Path directory, final Map<JournalKind, JournalKindStats> byKind)
    {
        this.directory = directory;
        this.byKind = byKind;
    }

    /**
     * @param directory a journal directory.
     * @return its figures.
     * @throws IllegalArgumentException naming the path when the directory does not exist.
     */
    public static JournalStats of(final Path directory)
    {
        JournalFiles.requireDirectory(directory);
        final Map<JournalKind, JournalKindStats> byKind = new EnumMap<>(JournalKind.class);
        for (final JournalKind kind : JournalKind.values())
        {
            byKind.put(kind, of(directory, kind));
        }
        return new JournalStats(directory, byKind);
    }

    private static JournalKindStats of(final Path directory, final JournalKind kind)
    {
        final Path queueDirectory = JournalFiles.queueDirectory(directory, kind);
        if (!Files.isDirectory(queueDirectory))
        {
            return new JournalKindStats(kind, false, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0);
        }
        long records = 0;
        long recordBytes = 0;
        long firstTimeNs = Long.MAX_VALUE;
        long lastTimeNs = Long.MIN_VALUE;
        try (JournalReader reader = JournalReader.open(directory, kind))
        {
            while (reader.next())
            {
                final JournalRecord record = reader.record();
                records++;
                recordBytes += record.recordLength();
                if (record.isComplete())
                {
                    firstTimeNs = Math.min(firstTimeNs, record.timeNs());
                    lastTimeNs = Math.max(lastTimeNs, record.timeNs());
                }
            }
        }
        final List<Path> files = JournalFiles.cycleFiles(queueDirectory);
        long fileBytes = 0;
        for (final Path file : files)
        {
            fileBytes += JournalFiles.size(file);
        }
        return new JournalKindStats(
            kind, true, records, recordBytes, firstTimeNs, lastTimeNs, files.size(), fileBytes);
    }

    /**
     * @return the directory described.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param kind a journal.
     * @return its figures.
     */
    public JournalKindStats kind(final JournalKind kind)
    {
        return byKind.get(kind);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("replay journal ").append(directory);
        for (final JournalKindStats stats : byKind.values())
        {
            text.append('\n').append("  ").append(stats);
        }
        return text.toString();
    }
}
