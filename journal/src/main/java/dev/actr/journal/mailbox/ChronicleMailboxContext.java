package dev.actr.journal.mailbox;

import dev.actr.journal.integrity.StoreIntegrity;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;

/**
 * Configuration of a {@link ChronicleMailbox}: fluent setters starting from the documented defaults;
 * {@link #conclude()} validates once.
 */
public final class ChronicleMailboxContext
{
    /** Default messages queued or in flight per priority. */
    public static final int CAPACITY_DEFAULT = 65_536;
    /** Default deliveries before a message goes to the dead-letter queue. */
    public static final int MAX_DELIVERIES_DEFAULT = 5;
    /** Default acks between two checkpoints of the ack journal. */
    public static final int CHECKPOINT_INTERVAL_DEFAULT = 4096;
    /** Default size of each memory-mapped block: 4 MiB (files are sparse). */
    public static final long BLOCK_SIZE_DEFAULT = 4L * 1024 * 1024;

    private Path directory;
    private int capacityPerPriority = CAPACITY_DEFAULT;
    private int maxDeliveries = MAX_DELIVERIES_DEFAULT;
    private int checkpointInterval = CHECKPOINT_INTERVAL_DEFAULT;
    private FsyncPolicy fsyncPolicy = FsyncPolicy.NONE;
    private RollCycle rollCycle = RollCycles.FAST_HOURLY;
    private long blockSize = BLOCK_SIZE_DEFAULT;
    private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
    private StoreIntegrity integrity;

    /**
     * @param directory where the queues live (required); created if missing.
     * @return this.
     */
    public ChronicleMailboxContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return where the queues live.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param capacityPerPriority messages queued or in flight per priority before enqueue answers FULL.
     * @return this.
     */
    public ChronicleMailboxContext capacityPerPriority(final int capacityPerPriority)
    {
        this.capacityPerPriority = capacityPerPriority;
        return this;
    }

    /**
     * @return messages queued or in flight per priority before enqueue answers FULL.
     */
    public int capacityPerPriority()
    {
        return capacityPerPriority;
    }

    /**
     * @param maxDeliveries deliveries a message may have (each restart that finds it in flight is one more)
     *                      before it goes to the dead-letter queue; 0 disables the count.
     * @return this.
     */
    public ChronicleMailboxContext maxDeliveries(final int maxDeliveries)
    {
        this.maxDeliveries = maxDeliveries;
        return this;
    }

    /**
     * @return deliveries a message may have before it goes to the dead-letter queue (0: never).
     */
    public int maxDeliveries()
    {
        return maxDeliveries;
    }

    /**
     * @param checkpointInterval acks between two checkpoints (a restart reads back at most this many acks).
     * @return this.
     */
    public ChronicleMailboxContext checkpointInterval(final int checkpointInterval)
    {
        this.checkpointInterval = checkpointInterval;
        return this;
    }

    /**
     * @return acks between two checkpoints.
     */
    public int checkpointInterval()
    {
        return checkpointInterval;
    }

    /**
     * @param fsyncPolicy when writes are forced to disk (default {@link FsyncPolicy#NONE}).
     * @return this.
     */
    public ChronicleMailboxContext fsyncPolicy(final FsyncPolicy fsyncPolicy)
    {
        this.fsyncPolicy = fsyncPolicy;
        return this;
    }

    /**
     * @return when writes are forced to disk.
     */
    public FsyncPolicy fsyncPolicy()
    {
        return fsyncPolicy;
    }

    /**
     * @param rollCycle how often the queues start a new file; fully acked files are deleted whole
     *                  (default {@link RollCycles#FAST_HOURLY}).
     * @return this.
     */
    public ChronicleMailboxContext rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * @return how often the queues start a new file.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * @param blockSize bytes mapped at a time (default 4 MiB; files are sparse).
     * @return this.
     */
    public ChronicleMailboxContext blockSize(final long blockSize)
    {
        this.blockSize = blockSize;
        return this;
    }

    /**
     * @return the largest message the mailbox stores: a quarter of {@link #blockSize()} (Chronicle's limit for
     * one record); a larger one is refused with {@link Mailbox#TOO_LARGE}.
     */
    public int maxMessageLength()
    {
        return (int)Math.min(Integer.MAX_VALUE, blockSize / 4);
    }

    /**
     * @param maxRecordLength the largest record a Chronicle queue must take.
     * @return a block size that lets it (at least {@link #BLOCK_SIZE_DEFAULT}, a whole number of MiB).
     */
    public static long blockSizeFor(final long maxRecordLength)
    {
        final long mib = 1024 * 1024;
        return Math.max(BLOCK_SIZE_DEFAULT, (4 * maxRecordLength + mib - 1) / mib * mib);
    }

    /**
     * @return bytes mapped at a time.
     */
    public long blockSize()
    {
        return blockSize;
    }

    /**
     * @param timeProvider the clock that decides roll cycles (inject one in tests of reclaim).
     * @return this.
     */
    public ChronicleMailboxContext timeProvider(final TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        return this;
    }

    /**
     * @return the clock that decides roll cycles.
     */
    public TimeProvider timeProvider()
    {
        return timeProvider;
    }

    /**
     * @param integrity where damage found in the mailbox's files when it opens is reported (default: a
     *                  {@link StoreIntegrity} that logs it). Damage is repaired: the good records are kept, the
     *                  damaged tail is cut off.
     * @return this.
     */
    public ChronicleMailboxContext integrity(final StoreIntegrity integrity)
    {
        this.integrity = integrity;
        return this;
    }

    /**
     * @return where damage found when the mailbox opens is reported.
     */
    public StoreIntegrity integrity()
    {
        return integrity;
    }

    /**
     * Validate the configuration.
     *
     * @return this.
     * @throws IllegalStateException naming the first invalid setting.
     */
    public ChronicleMailboxContext conclude()
    {
        require(directory != null, "directory must be set");
        require(capacityPerPriority > 0, "capacityPerPriority must be > 0");
        require(maxDeliveries >= 0, "maxDeliveries must be >= 0");
        require(checkpointInterval > 0, "checkpointInterval must be > 0");
        require(fsyncPolicy != null && rollCycle != null && timeProvider != null,
            "fsyncPolicy, rollCycle and timeProvider must be set");
        require(blockSize >= 64 * 1024, "blockSize must be >= 64 KiB");
        if (integrity == null)
        {
            integrity = new StoreIntegrity();
        }
        return this;
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message + ": " + this);
        }
    }

    @Override
    public String toString()
    {
        return "ChronicleMailboxContext{directory=" + directory + ", capacityPerPriority=" + capacityPerPriority +
            ", maxDeliveries=" + maxDeliveries + ", checkpointInterval=" + checkpointInterval +
            ", fsyncPolicy=" + fsyncPolicy + ", rollCycle=" + rollCycle + ", blockSize=" + blockSize + '}';
    }
}
