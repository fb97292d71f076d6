package dev.actr.engine.internal.counters;

import dev.actr.engine.SystemCounter;
import org.agrona.BufferUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static dev.actr.engine.internal.counters.CountersFileDescriptor.CLOSE_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.HEADER_LENGTH;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.METADATA_LENGTH_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.NODE_START_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.PID_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.PROCESS_START_MS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.STATUS_CLOSED;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.STATUS_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.STATUS_RUNNING;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VALUES_LENGTH_OFFSET;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VERSION;
import static dev.actr.engine.internal.counters.CountersFileDescriptor.VERSION_OFFSET;

/**
 * The node's counters ({@link CountersFileDescriptor} layout): memory-mapped from {@code <directory>/counters.dat}
 * when the node has a directory, so another process can read them live, else in a direct buffer of the same layout.
 * Counters are allocated by the node's assembly ({@link dev.actr.engine.SystemCounters}, {@link RouteLatencyCounters})
 * before the engine starts; NOT thread safe for allocation.
 *
 * <p>{@link #close()} marks the file closed but does not unmap it: a host thread may still read or bump a counter
 * after the node closed, and an unmapped page would crash the JVM. The mapping goes when the buffer is collected.
 */
public final class CountersFile implements AutoCloseable
{
    private static final int ALIGNMENT = 128;

    private static final long NS_PER_MS = 1_000_000;

    private final Path path;
    private final EpochNanoClock clock;
    private final UnsafeBuffer file;
    private final CountersManager countersManager;
    private boolean closed;

    private CountersFile(final Path path, final ByteBuffer bytes, final int counters, final EpochNanoClock clock)
    {
        this.path = path;
        this.clock = clock;
        this.file = new UnsafeBuffer(bytes);
        final int metadataLength = CountersFileDescriptor.metadataLength(counters);
        final int valuesLength = CountersFileDescriptor.valuesLength(counters);
        file.putLong(PID_OFFSET, ProcessHandle.current().pid());
        file.putLong(PROCESS_START_MS_OFFSET, processStartMs());
        file.putLong(NODE_START_MS_OFFSET, clock.nanoTime() / NS_PER_MS);
        file.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        file.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        file.putInt(STATUS_OFFSET, STATUS_RUNNING);
        countersManager = new CountersManager(
            new UnsafeBuffer(file, HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(file, HEADER_LENGTH + metadataLength, valuesLength),
            CountersFileDescriptor.LABEL_CHARSET);
        file.putIntRelease(VERSION_OFFSET, VERSION);
    }

    /**
     * @param routes routes the node registered.
     * @return counters a node with that many routes needs: its system counters and each route's latency counters.
     */
    public static int capacityFor(final int routes)
    {
        return SystemCounter.values().length + RouteLatencyCounters.COUNTERS_PER_ROUTE * routes;
    }

    /**
     * Make the counters of a node: {@code <directory>/counters.dat} replaced by a new file (an earlier one is
     * unlinked first, so whoever still maps it keeps its own pages), or a direct buffer when there is no directory.
     *
     * @param directory the node's directory, or null for counters in memory.
     * @param counters  how many counters to hold; see {@link #capacityFor(int)}.
     * @param clock     the node's clock, for the start and close times.
     * @return the counters, status running.
     * @throws UncheckedIOException naming the file when it cannot be made.
     */
    public static CountersFile create(final Path directory, final int counters, final EpochNanoClock clock)
    {
        final int length = CountersFileDescriptor.fileLength(counters);
        if (directory == null)
        {
            return new CountersFile(null, BufferUtil.allocateDirectAligned(length, ALIGNMENT), counters, clock);
        }
        final Path path = directory.resolve(CountersFileDescriptor.FILE_NAME);
        try
        {
            Files.createDirectories(directory);
            Files.deleteIfExists(path);
            try (FileChannel channel = FileChannel.open(path,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                return new CountersFile(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, length), counters, clock);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the counters file " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return where new counters are allocated.
     */
    public CountersManager countersManager()
    {
        return countersManager;
    }

    /**
     * @return the mapped file, or null for counters in memory.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Mark the node closed (close time, then status), so a reader reports the file as stale. Idempotent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            file.putLongRelease(CLOSE_MS_OFFSET, clock.nanoTime() / NS_PER_MS);
            file.putIntRelease(STATUS_OFFSET, STATUS_CLOSED);
        }
    }

    private static long processStartMs()
    {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
