package dev.actr.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Damage for tests: find a store's cycle files and cut them short inside what was written.
 */
final class StoreFiles
{
    private StoreFiles()
    {
    }

    /**
     * @return the cycle file of a queue directory whose written data reaches furthest (the newest, in tests).
     */
    static Path fullestCycleFile(final Path queueDirectory) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDirectory))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4"))
                .max(Comparator.comparingLong(StoreFiles::writtenLength))
                .orElseThrow(() -> new AssertionError("no cycle file in " + queueDirectory));
        }
    }

    /**
     * @return bytes up to and including the last one that is not zero: what was written (the rest is pre-allocated).
     */
    static long writtenLength(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            int last = bytes.length - 1;
            while (last >= 0 && bytes[last] == 0)
            {
                last--;
            }
            return last + 1;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
