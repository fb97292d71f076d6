package dev.actr.journal.integrity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Damage for tests of other modules (journal's test jar): cut a queue's cycle file into its written records.
 */
public final class StoreCuts
{
    private StoreCuts()
    {
    }

    /**
     * Cut the only cycle file of a queue at half of what its records wrote (not half its pre-allocated size).
     *
     * @param queueDirectory a queue with one cycle file.
     * @return the file cut.
     * @throws IOException when the file cannot be read or cut.
     */
    public static Path cutInHalf(final Path queueDirectory) throws IOException
    {
        final Path file = Faults.onlyCycleFile(queueDirectory);
        final long length = Faults.written(file) / 2;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
        return file;
    }
}
