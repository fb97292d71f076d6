package dev.actr.lanes.signaling;

import dev.actr.lanes.ReconnectBackoff;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest
{
    @Test
    void shouldDoubleFromOneSecondToSixtyWithEqualJitter()
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        System.out.println("ReconnectBackoffTest seed " + seed);
        final ReconnectBackoff backoff = new ReconnectBackoff(1_000, 60_000, new Random(seed));
        final long[] bases = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};

        for (final long base : bases)
        {
            assertThat(backoff.nextDelayMs()).isBetween(base / 2, base);
        }
        assertThat(backoff.attempts()).isEqualTo(bases.length);
        assertThat(backoff.baseDelayMs(1_000_000)).isEqualTo(60_000);

        backoff.reset();
        assertThat(backoff.nextDelayMs()).isBetween(500L, 1_000L);
    }

    @Test
    void shouldSpreadDelaysAcrossTheJitterRange()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(1_000, 1_000, new Random(7));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1_000; i++)
        {
            final long delay = backoff.nextDelayMs();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isLessThan(550);
        assertThat(max).isGreaterThan(950);
    }

    @Test
    void shouldRefuseNonsenseBounds()
    {
        assertThatThrownBy(() -> new ReconnectBackoff(0, 10, new Random()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(10, 5, new Random()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
