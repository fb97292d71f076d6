package dev.actr.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParkingIdleStrategyTest
{
    private static final long SPIN_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long YIELD_NS = TimeUnit.MICROSECONDS.toNanos(30);

    private long nowNs;
    private final ParkingIdleStrategy strategy = new ParkingIdleStrategy(
        SPIN_NS, YIELD_NS, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100), () -> nowNs);

    ParkingIdleStrategyTest()
    {
        // "work announced": park() yields instead of parking, so no test thread sleeps
        strategy.attach(() -> true, () -> true);
    }

    @Test
    void shouldStopSpinningWhenWorkKeepsComingBackLaterThanTheSpin()
    {
        for (int i = 0; i < 32; i++)
        {
            waitThenWork(TimeUnit.MICROSECONDS.toNanos(200));
        }

        assertEquals(0, strategy.spinNs());
    }

    @Test
    void shouldSpinAgainWhenWorkComesBackWithinTheSpin()
    {
        for (int i = 0; i < 32; i++)
        {
            waitThenWork(TimeUnit.MILLISECONDS.toNanos(5));
        }

        for (int i = 0; i < 32; i++)
        {
            waitThenWork(TimeUnit.MICROSECONDS.toNanos(3));
        }

        assertEquals(SPIN_NS, strategy.spinNs());
    }

    @Test
    void shouldKeepItsSpinWhileEveryDutyCycleFindsWork()
    {
        for (int i = 0; i < 32; i++)
        {
            nowNs += TimeUnit.MILLISECONDS.toNanos(1);
            strategy.idle(1);
        }

        assertEquals(SPIN_NS, strategy.spinNs());
    }

    private void waitThenWork(final long waitNs)
    {
        strategy.idle(0);
        nowNs += waitNs;
        strategy.idle(0);
        strategy.idle(1);
    }
}
