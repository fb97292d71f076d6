package dev.actr.engine.internal.counters;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import static dev.actr.engine.internal.counters.CountersFileDescriptor.CLOSE_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.HEADER_LENGTH;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.METADATA_LENGTH_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.NODE_START_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.PID_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.PROCESS_START_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.STATUS_CLOSED;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.STATUS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VALUES_LENGTH_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VERSION;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VERSION_OFFSET;

/**
 * A read-only view of a node's {@code counters.dat}, from any process, while the node runs or after: the header
 * and an Agrona {@link CountersReader} over the live counters.
 */
public final class CountersFileReader
{
    /** What a reader can tell of the node that made the file. */
    public enum Liveness
    {
        /** Status running and its process is alive. */
        RUNNING,
        /** The node closed its counters. */
        CLOSED,
        /** Status running, but no process with that pid and start time exists: the node died. */
        DEAD
    }

    private final Path path;
    private final UnsafeBuffer file;
    private final CountersReader countersReader;

    private CountersFileReader(final Path path, final UnsafeBuffer file, final CountersReader countersReader)
    {
        this.path = path;
        this.file = file;
        this.countersReader = countersReader;
    }

    /**
     * Map {@code <directory>/counters.dat} read-only.
     *
     * @param directory a node's directory.
     * @return the reader.
     * @throws IllegalArgumentException naming the path when the directory or the file is missing, or the file is
     *                                  no counters file of this layout (or is still being made).
     * @throws UncheckedIOException     naming the path when it cannot be read.
     */
    public static CountersFileReader open(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no such directory: " + directory);
        }
        final Path path = directory.resolve(CountersFileDescriptor.FILE_NAME);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH)
            {
                throw new IllegalArgumentException(path + " is not an actr counters file (" + size + " bytes)");
            }
            final UnsafeBuffer file = new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
            final int version = file.getIntVolatile(VERSION_OFFSET);
            if (version != VERSION)
            {
                throw new IllegalArgumentException(path + (version == 0 ? " is still being made by its node" :
                    " has counters layout version " + version + ", this actr reads " + VERSION));
            }
            final int metadataLength = file.getInt(METADATA_LENGTH_OFFSET);
            final int valuesLength = file.getInt(VALUES_LENGTH_OFFSET);
            if (metadataLength < 0 || valuesLength < 0 || (long)HEADER_LENGTH + metadataLength + valuesLength > size)
            {
                throw new IllegalArgumentException(path + " is damaged: buffer lengths " + metadataLength + " and " +
                    valuesLength + " do not fit in " + size + " bytes");
            }
            return new CountersFileReader(path, file, new CountersReader(
                new UnsafeBuffer(file, HEADER_LENGTH, metadataLength),
                new UnsafeBuffer(file, HEADER_LENGTH + metadataLength, valuesLength),
                CountersFileDescriptor.LABEL_CHARSET));
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("no counters file " + path +
                " (is this the directory of a node started with NodeContext.directory?)", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the mapped file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the counters.
     */
    public CountersReader countersReader()
    {
        return countersReader;
    }

    /**
     * @return pid of the node's process.
     */
    public long pid()
    {
        return file.getLong(PID_OFFSET);
    }

    /**
     * @return start time of the node's process, epoch ms, or 0 when it was not known.
     */
    public long processStartMs()
    {
        return file.getLong(PROCESS_START_MS_OFFSET);
    }

    /**
     * @return when the node made the file, epoch ms.
     */
    public long nodeStartMs()
    {
        return file.getLong(NODE_START_MS_OFFSET);
    }

    /**
     * @return when the node closed, epoch ms, or 0 while it has not.
     */
    public long closeMs()
    {
        return file.getLongVolatile(CLOSE_MS_OFFSET);
    }

    /**
     * @return whether the node runs, closed, or died without closing (its pid is gone, or now belongs to a process
     * started at another time).
     */
    public Liveness liveness()
    {
        if (file.getIntVolatile(STATUS_OFFSET) == STATUS_CLOSED)
        {
            return Liveness.CLOSED;
        }
        final Optional<ProcessHandle> process = ProcessHandle.of(pid());
        if (process.isEmpty() || !process.get().isAlive())
        {
            return Liveness.DEAD;
        }
        final long startMs = processStartMs();
        final Optional<Instant> actualStart = process.get().info().startInstant();
        if (startMs != 0 && actualStart.isPresent() && actualStart.get().toEpochMilli() != startMs)
        {
            return Liveness.DEAD;
        }
        return Liveness.RUNNING;
    }
}
