package dev.actr.journal.integrity;

import org.agrona.ErrorHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Where stores report the damage they find when they open: each event is logged (WARNING, naming the file and the
 * index), told to the error handler as a {@link StoreDamageException}, counted, and kept for
 * {@link #events()}. One instance may serve several stores (a node passes its own to each).
 *
 * <p>Thread safe (cold path: stores report while they open).
 */
public final class StoreIntegrity
{
    private static final System.Logger LOGGER = System.getLogger(StoreIntegrity.class.getName());

    private final ErrorHandler errorHandler;
    private final List<StoreDamage> events = new ArrayList<>();
    private long detected;
    private long repaired;

    /**
     * Report to the log only.
     */
    public StoreIntegrity()
    {
        this(null);
    }

    /**
     * @param errorHandler told of each damage (may be null: the log only).
     */
    public StoreIntegrity(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    /**
     * Report a damage (repaired or about to be refused).
     *
     * @param damage what was found and done.
     */
    public void onDamage(final StoreDamage damage)
    {
        record(damage);
        LOGGER.log(System.Logger.Level.WARNING, damage.describe());
        tell(damage);
    }

    private void record(final StoreDamage damage)
    {
        synchronized (this)
        {
            detected++;
            if (damage.repaired())
            {
                repaired++;
            }
            events.add(damage);
        }
    }

    private void tell(final StoreDamage damage)
    {
        if (errorHandler != null && damage.repaired())
        {
            errorHandler.onError(new StoreDamageException(damage, ""));
        }
    }

    /**
     * Take over everything another instance saw (a store opened with its own, which logged it already): counted
     * here and told to this instance's error handler.
     *
     * @param other another instance.
     */
    public void addAll(final StoreIntegrity other)
    {
        if (other != this)
        {
            for (final StoreDamage damage : other.events())
            {
                record(damage);
                tell(damage);
            }
        }
    }

    /**
     * @return damaged files found.
     */
    public synchronized long damageDetected()
    {
        return detected;
    }

    /**
     * @return damaged files repaired (the rest were refused).
     */
    public synchronized long damageRepaired()
    {
        return repaired;
    }

    /**
     * @return every damage reported, oldest first (a copy).
     */
    public synchronized List<StoreDamage> events()
    {
        return new ArrayList<>(events);
    }
}
