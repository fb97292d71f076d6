package dev.actr.journal.replay;

import dev.actr.journal.integrity.StoreIntegrity;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Configuration of a {@link ReplayJournal}. Fluent setters start from the documented defaults;
 * {@link #conclude()} validates once ({@link ReplayJournal#open} calls it).
 */
public final class ReplayJournalContext
{
    /** Default roll cycle: one file per hour per journal. */
    public static final RollCycle ROLL_CYCLE_DEFAULT = RollCycles.FAST_HOURLY;
    /** Default number of most recent cycle files kept per journal: a day of hourly files. */
    public static final int RETENTION_CYCLES_DEFAULT = 24;
    /**
     * Default Chronicle block size: 64 MiB, so records up to 16 MiB (a block holds records of at most a quarter
     * of its size; see {@link #maxRecordLength()}) fit, matching the largest reassembled message. Files are
     * sparse: disk is only used for what is written. Tests use {@link #MIN_BLOCK_SIZE}.
     */
    public static final long BLOCK_SIZE_DEFAULT = 64L * 1024 * 1024;
    /** Smallest block size accepted: 256 KiB, records up to 64 KiB. */
    public static final long MIN_BLOCK_SIZE = 256L * 1024;
    /**
     * Smallest number of records a roll cycle must allow per cycle. Rejects Chronicle's {@code TEST_*} cycles,
     * which fail after as few as 64 records.
     */
    public static final long MIN_MESSAGES_PER_CYCLE = 1L << 20;

    private Path directory;
    private StoreIntegrity integrity;
    private Set<JournalKind> enabledKinds = EnumSet.allOf(JournalKind.class);
    private RollCycle rollCycle = ROLL_CYCLE_DEFAULT;
    private int retentionCycles = RETENTION_CYCLES_DEFAULT;
    private TimeProvider timeProvider = SystemTimeProvider.INSTANCE;
    private long blockSize = BLOCK_SIZE_DEFAULT;

    /**
     * @param directory where the journal lives: the subdirectories {@code ingress/}, {@code dispatch/},
     *                  {@code outbound/} and the manifest. Created if missing. Required.
     * @return this.
     */
    public ReplayJournalContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return where the journal lives.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param enabledKinds the journals to write (default all three); appends to the others do nothing.
     * @return this.
     */
    public ReplayJournalContext enabledKinds(final Set<JournalKind> enabledKinds)
    {
        this.enabledKinds = enabledKinds == null ? null :
            enabledKinds.isEmpty() ? EnumSet.noneOf(JournalKind.class) : EnumSet.copyOf(enabledKinds);
        return this;
    }

    /**
     * @return the journals written, unmodifiable.
     */
    public Set<JournalKind> enabledKinds()
    {
        return enabledKinds == null ? null : Collections.unmodifiableSet(enabledKinds);
    }

    /**
     * @param kind a journal.
     * @return true when that journal is written.
     */
    public boolean isEnabled(final JournalKind kind)
    {
        return enabledKinds != null && enabledKinds.contains(kind);
    }

    /**
     * @param rollCycle how often each journal starts a new file. Fixed once a journal has files: Chronicle keeps
     *                  the roll cycle of the files on disk.
     * @return this.
     */
    public ReplayJournalContext rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * @return how often each journal starts a new file.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * @param retentionCycles how many of the most recent cycle files to keep per journal. Older files are deleted
     *                        when a journal rolls to a new cycle and by {@link ReplayJournal#applyRetention()}.
     * @return this.
     */
    public ReplayJournalContext retentionCycles(final int retentionCycles)
    {
        this.retentionCycles = retentionCycles;
        return this;
    }

    /**
     * @return how many of the most recent cycle files are kept per journal.
     */
    public int retentionCycles()
    {
        return retentionCycles;
    }

    /**
     * @param timeProvider the wall clock Chronicle rolls cycles by (inject a settable one in tests). Record times
     *                     come from the engine clock the caller passes, not from this.
     * @return this.
     */
    public ReplayJournalContext timeProvider(final TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        return this;
    }

    /**
     * @return the wall clock Chronicle rolls cycles by.
     */
    public TimeProvider timeProvider()
    {
        return timeProvider;
    }

    /**
     * @param blockSize Chronicle's memory-mapping chunk in bytes. A record (header and bytes) may be at most a
     *                  quarter of it; see {@link #maxRecordLength()}.
     * @return this.
     */
    public ReplayJournalContext blockSize(final long blockSize)
    {
        this.blockSize = blockSize;
        return this;
    }

    /**
     * @return Chronicle's memory-mapping chunk in bytes.
     */
    public long blockSize()
    {
        return blockSize;
    }

    /**
     * @return the largest record, header included, the journal accepts: a quarter of {@link #blockSize()}.
     */
    public int maxRecordLength()
    {
        return (int)Math.min(Integer.MAX_VALUE, blockSize / 4);
    }

    /**
     * @param integrity where damage found in the journal's files when it opens is reported (default: a
     *                  {@link StoreIntegrity} that logs it). Damage is repaired: the good records are kept, the
     *                  damaged tail is cut off.
     * @return this.
     */
    public ReplayJournalContext integrity(final StoreIntegrity integrity)
    {
        this.integrity = integrity;
        return this;
    }

    /**
     * @return where damage found when the journal opens is reported.
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
    public ReplayJournalContext conclude()
    {
        require(directory != null, "directory must be set");
        require(enabledKinds != null, "enabledKinds must be set");
        require(rollCycle != null, "rollCycle must be set");
        require(rollCycle.maxMessagesPerCycle() >= MIN_MESSAGES_PER_CYCLE,
            "rollCycle must allow at least " + MIN_MESSAGES_PER_CYCLE + " records per cycle (not a TEST_* cycle)");
        require(retentionCycles >= 1, "retentionCycles must be >= 1");
        require(timeProvider != null, "timeProvider must be set");
        require(blockSize >= MIN_BLOCK_SIZE, "blockSize must be >= " + MIN_BLOCK_SIZE);
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
        return "ReplayJournalContext{directory=" + directory + ", enabledKinds=" + enabledKinds +
            ", rollCycle=" + rollCycle + ", retentionCycles=" + retentionCycles + ", timeProvider=" + timeProvider +
            ", blockSize=" + blockSize + '}';
    }
}
