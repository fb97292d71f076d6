package dev.actr.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The number of the run of a durable node on its directory, counted in a small file there. Correlation ids of a
 * run start at {@code incarnation << BASE_SHIFT}, so that no run hands out a request id an earlier run on the same
 * directory used: the dedup journal and the mailbox remember those, and a reused id would be taken for a
 * duplicate and answered with an old reply. The file is replaced atomically and synced before the node starts.
 *
 * <p>Cold path: once per launch.
 */
public final class Incarnation
{
    /** Ids each run may hand out per sequence before it would reach the next run's: 2^40. */
    public static final int BASE_SHIFT = CorrelationIdDescriptor.RUN_SHIFT;
    public static final String FILE_NAME = "incarnation";
    private static final long MAX = (1L << (62 - BASE_SHIFT)) - 1;

    private Incarnation()
    {
    }

    /**
     * @param directory the node's directory.
     * @return the correlation base of the run starting now.
     */
    public static long nextCorrelationBase(final Path directory)
    {
        return next(directory) << BASE_SHIFT;
    }

    public static long next(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        try
        {
            Files.createDirectories(directory);
            final long next = read(file) + 1;
            if (next > MAX)
            {
                throw new IllegalStateException(file + ": more than " + MAX + " runs on this directory");
            }
            final Path temp = directory.resolve(FILE_NAME + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ))
            {
                directoryChannel.force(true); // the rename itself survives a power cut
            }
            return next;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot count the node's runs in " + file, ex);
        }
    }

    private static long read(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return 0;
        }
        final String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try
        {
            final long value = Long.parseLong(text);
            if (value >= 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalStateException(file + " is corrupt: \"" + text + "\" is not a run count");
    }
}
