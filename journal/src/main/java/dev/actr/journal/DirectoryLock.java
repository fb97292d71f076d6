package dev.actr.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a durable directory by one writer: an OS file lock ({@link FileChannel#tryLock()}) on
 * {@value #FILE_NAME} in the directory, which the kernel drops when the owning process dies, however it dies
 * (SIGKILL included), so a crash never blocks the next launch. The file keeps a line naming the owner (pid, host,
 * start time, purpose) so that a refused launch can say who holds the directory; the file itself is left behind on
 * close and means nothing without the lock.
 *
 * <p>A second owner in the same JVM is refused too. POSIX record locks belong to the process, and closing any
 * descriptor of the file drops them all, so an in-process attempt must not even open the file: the locks this
 * process holds are kept in a process-wide table (the one piece of static state here, because the kernel's lock
 * table is process-wide as well) and checked first.
 *
 * <p>Cold path: once per launch. Thread safe.
 */
public final class DirectoryLock implements AutoCloseable
{
    /** Name of the lock file in a locked directory. */
    public static final String FILE_NAME = "actr.lock";

    /** Locks this process holds, by lock file (absolute, normalised), with their owner line. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();
    private static final System.Logger LOGGER = System.getLogger(DirectoryLock.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String owner;
    private boolean closed;

    private DirectoryLock(final Path file, final FileChannel channel, final FileLock lock, final String owner)
    {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
    }

    /**
     * Take the directory (created if missing) for this process, or refuse at once.
     *
     * @param directory the directory to own.
     * @param purpose   what the owner is, for the message another launch gets (e.g. "actr node").
     * @return the lock; close it to release the directory.
     * @throws DirectoryLockedException naming the directory and its owner when another process or another
     *                                  owner in this process holds it.
     * @throws UncheckedIOException     when the directory or the lock file cannot be created.
     */
    public static DirectoryLock acquire(final Path directory, final String purpose)
    {
        final Path file = lockFile(directory);
        final String owner = ownerLine(purpose);
        final String previous = HELD.putIfAbsent(file, owner);
        if (previous != null)
        {
            throw new DirectoryLockedException(directory, previous + " (this process)");
        }
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                final String holder = readOwner(channel);
                channel.close();
                HELD.remove(file);
                throw new DirectoryLockedException(directory, holder);
            }
            writeOwner(channel, owner);
            return new DirectoryLock(file, channel, lock, owner);
        }
        catch (final IOException | OverlappingFileLockException ex)
        {
            closeQuietly(channel);
            HELD.remove(file);
            if (ex instanceof OverlappingFileLockException)
            {
                throw new DirectoryLockedException(directory, "another owner in this process");
            }
            throw new UncheckedIOException("cannot lock " + file, (IOException)ex);
        }
    }

    /**
     * @return the lock file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the owner line written into the lock file.
     */
    public String owner()
    {
        return owner;
    }

    /**
     * Release the directory. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            lock.release();
        }
        catch (final IOException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "cannot release " + file + " (closing it releases it)", ex);
        }
        finally
        {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    @Override
    public String toString()
    {
        return "DirectoryLock{" + file + ", " + owner + '}';
    }

    /**
     * The lock file of a directory (created if missing), by its real path: two names of one directory (a symbolic
     * link) must find the same entry in {@link #HELD}.
     */
    private static Path lockFile(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            return directory.toRealPath().resolve(FILE_NAME);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + directory, ex);
        }
    }

    private static String ownerLine(final String purpose)
    {
        // Never InetAddress.getLocalHost(): it may ask a name server, and the runtime sends nothing by itself.
        String host = System.getenv("HOSTNAME");
        try
        {
            final Path kernelHostname = Path.of("/proc/sys/kernel/hostname");
            if ((host == null || host.isEmpty()) && Files.isReadable(kernelHostname))
            {
                host = Files.readString(kernelHostname, StandardCharsets.US_ASCII).trim();
            }
        }
        catch (final IOException ex)
        {
            host = null;
        }
        host = host == null || host.isEmpty() ? "this host" : host;
        final Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return purpose + ", pid " + ProcessHandle.current().pid() + " on " + host + ", process started " + started +
            ", locked " + Instant.now();
    }

    private static void writeOwner(final FileChannel channel, final String owner) throws IOException
    {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String readOwner(final FileChannel channel) throws IOException
    {
        final ByteBuffer text = ByteBuffer.allocate(512);
        channel.read(text, 0);
        final String owner = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).trim();
        return owner.isEmpty() ? "an unknown process" : owner;
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                LOGGER.log(System.Logger.Level.WARNING, "cannot close a lock file", ex);
            }
        }
    }
}
