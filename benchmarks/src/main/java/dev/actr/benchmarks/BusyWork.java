package dev.actr.benchmarks;

/**
 * CPU work of a chosen duration for the handlers of the probes: a loop of multiply-xorshift steps whose iteration
 * count is calibrated on the calling thread, so a handler computes (it holds its core, as a real handler would)
 * instead of sleeping or spinning on the clock. Under CPU contention the same work takes longer, as real work does.
 */
final class BusyWork
{
    private static final int CALIBRATION_ROUNDS = 101;

    private BusyWork()
    {
    }

    /**
     * @param iterations steps to run.
     * @param seed       start value.
     * @return the result (use it, or the JIT may drop the loop).
     */
    static long run(final long iterations, final long seed)
    {
        long x = seed | 1;
        for (long i = 0; i < iterations; i++)
        {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    /**
     * Find the iteration count that takes {@code targetNs} on this thread (median of
     * {@value #CALIBRATION_ROUNDS} timed runs, after a JIT warm-up).
     *
     * @param targetNs the wanted duration.
     * @return iterations.
     */
    static long calibrate(final long targetNs)
    {
        long sink = 0;
        long iterations = 1_000;
        for (int i = 0; i < 20_000; i++)
        {
            sink += run(iterations, i);
        }
        final long[] samplesNs = new long[CALIBRATION_ROUNDS];
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < CALIBRATION_ROUNDS; i++)
            {
                final long startNs = System.nanoTime();
                sink += run(iterations, i);
                samplesNs[i] = System.nanoTime() - startNs;
            }
            java.util.Arrays.sort(samplesNs);
            final long medianNs = Math.max(1, samplesNs[CALIBRATION_ROUNDS / 2]);
            iterations = Math.max(1, iterations * targetNs / medianNs);
        }
        if (sink == 42)
        {
            System.out.print("");
        }
        return iterations;
    }
}
