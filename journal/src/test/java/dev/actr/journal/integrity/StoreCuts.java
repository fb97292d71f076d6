package dev.actr.journal.integrity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Damage for tests (journal's own, and other modules' through its test jar): cut a file, or a queue's cycle file
 * into its written records.
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
        truncate(file, Faults.written(file) / 2);
        return file;
    }

    /**
     * Cut a file to a length, as a crash or a full disk leaves it.
     *
     * @param file   to cut.
     * @param length bytes kept.
     * @throws IOException when the file cannot be cut.
     */
    public static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }
}
