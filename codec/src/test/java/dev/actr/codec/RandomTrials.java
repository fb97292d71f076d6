package dev.actr.codec;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * A small harness for property tests: runs a trial many times, each with its own seeded {@link Random}, and
 * names the failing trial's seed so that it can be re-run alone with {@code -Dactr.test.seed=<seed>}.
 *
 * <p>Used instead of jqwik: from 1.10 on, jqwik's maintainers ask that AI coding agents do not use the library,
 * and these tests were written by one. There is no shrinking, so generators bias sizes towards the boundaries
 * (see {@link #sizeUpTo(Random, int)}) to keep failing inputs small and meaningful.
 */
public final class RandomTrials
{
    /** System property that fixes the seed: every {@link #run} then runs exactly one trial with it. */
    public static final String SEED_PROPERTY = "actr.test.seed";

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    /** One trial of a property. */
    @FunctionalInterface
    public interface Trial
    {
        /**
         * @param random the trial's own source of randomness.
         * @throws Exception to fail the trial.
         */
        void run(Random random) throws Exception;
    }

    private RandomTrials()
    {
    }

    /**
     * Run {@code trials} trials, or one trial with the seed from {@link #SEED_PROPERTY} when it is set.
     *
     * @param trials how many trials to run.
     * @param trial  the property to check.
     */
    public static void run(final int trials, final Trial trial)
    {
        final String fixedSeed = System.getProperty(SEED_PROPERTY);
        if (fixedSeed != null && !fixedSeed.isBlank())
        {
            runOne(Long.parseLong(fixedSeed.trim()), 0, 1, trial);
            return;
        }
        final long base = new SplittableRandom().nextLong();
        for (int i = 0; i < trials; i++)
        {
            runOne(base + i * GOLDEN_GAMMA, i, trials, trial);
        }
    }

    private static void runOne(final long seed, final int index, final int trials, final Trial trial)
    {
        try
        {
            trial.run(new Random(seed));
        }
        catch (final Throwable failure)
        {
            throw new AssertionError(
                "trial " + (index + 1) + " of " + trials + " failed; re-run it alone with -D" + SEED_PROPERTY + "=" +
                seed + ": " + failure,
                failure);
        }
    }

    /**
     * @param random source.
     * @param min    smallest value, inclusive.
     * @param max    largest value, inclusive.
     * @return a uniform int in {@code [min, max]}.
     */
    public static int between(final Random random, final int min, final int max)
    {
        return (int)(min + (long)(random.nextDouble() * ((long)max - min + 1)));
    }

    /**
     * A size biased towards small values and towards {@code max}: a third up to 16, a third up to 1,024, a
     * sixth uniform up to {@code max}, a sixth within 2 of {@code max}.
     *
     * @param random source.
     * @param max    largest size, inclusive.
     * @return a size in {@code [0, max]}.
     */
    public static int sizeUpTo(final Random random, final int max)
    {
        final int pick = random.nextInt(6);
        switch (pick)
        {
            case 0:
            case 1:
                return between(random, 0, Math.min(16, max));
            case 2:
            case 3:
                return between(random, 0, Math.min(1024, max));
            case 4:
                return between(random, 0, max);
            default:
                return Math.max(0, max - random.nextInt(3));
        }
    }

    /**
     * @param random source.
     * @param length of the array.
     * @return {@code length} random bytes.
     */
    public static byte[] bytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * @param random source.
     * @param values to choose from.
     * @return one of {@code values}, uniformly.
     */
    public static int oneOf(final Random random, final int... values)
    {
        return values[random.nextInt(values.length)];
    }
}
