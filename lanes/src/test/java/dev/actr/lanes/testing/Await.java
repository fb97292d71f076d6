package dev.actr.lanes.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, checking every millisecond (no fixed sleeps that guess a duration).
 */
public final class Await
{
    /** Default deadline. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await()
    {
    }

    /**
     * @param what      describes the condition, for the failure message.
     * @param condition to wait for.
     */
    public static void until(final String what, final BooleanSupplier condition)
    {
        until(what, condition, DEFAULT);
    }

    /**
     * @param what      describes the condition.
     * @param condition to wait for.
     * @param timeout   how long at most.
     */
    public static void until(final String what, final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * @param what     describes the condition, including the last state seen.
     * @param supplier gives the state; null means not yet.
     * @param <T>      the state's type.
     * @return the first non-null state.
     */
    public static <T> T value(final String what, final Supplier<T> supplier)
    {
        final Object[] holder = new Object[1];
        until(what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked") final T value = (T)holder[0];
        return value;
    }
}
