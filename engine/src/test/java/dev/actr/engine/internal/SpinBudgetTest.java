package dev.actr.engine.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpinBudgetTest
{
    private static final long SPIN_NS = 20_000;
    private static final long YIELD_NS = 30_000;

    @Test
    void shouldStartAtTheLongestBudget()
    {
        final SpinBudget budget = new SpinBudget(SPIN_NS, YIELD_NS);

        assertEquals(SPIN_NS, budget.spinNs());
        assertEquals(YIELD_NS, budget.yieldNs());
    }

    @Test
    void shouldQuarterTheBudgetForEveryWaitThatOutlastedIt()
    {
        final SpinBudget budget = new SpinBudget(SPIN_NS, YIELD_NS);

        budget.onWaitEnded(SPIN_NS + YIELD_NS + 1);
        assertEquals(SPIN_NS / 4, budget.spinNs());
        assertEquals(YIELD_NS / 4, budget.yieldNs());

        for (int i = 0; i < 64; i++)
        {
            budget.onWaitEnded(1_000_000);
        }
        assertEquals(0, budget.spinNs());
        assertEquals(0, budget.yieldNs());
    }

    @Test
    void shouldGrowBackToTheLongestWhileWaitsEndWithinIt()
    {
        final SpinBudget budget = new SpinBudget(SPIN_NS, YIELD_NS);
        for (int i = 0; i < 64; i++)
        {
            budget.onWaitEnded(1_000_000);
        }

        budget.onWaitEnded(SPIN_NS + YIELD_NS);
        assertEquals(SPIN_NS / SpinBudget.STEPS, budget.spinNs());
        assertEquals(YIELD_NS / SpinBudget.STEPS, budget.yieldNs());

        for (int i = 1; i < SpinBudget.STEPS; i++)
        {
            budget.onWaitEnded(0);
        }
        assertEquals(SPIN_NS, budget.spinNs());
        assertEquals(YIELD_NS, budget.yieldNs());

        budget.onWaitEnded(0);
        assertEquals(SPIN_NS, budget.spinNs());
    }

    @Test
    void shouldCollapseWhenLongWaitsAlternateWithShortOnes()
    {
        final SpinBudget budget = new SpinBudget(SPIN_NS, YIELD_NS);

        for (int i = 0; i < 64; i++)
        {
            budget.onWaitEnded(1_000);
            budget.onWaitEnded(200_000);
        }

        assertEquals(0, budget.spinNs() / (SPIN_NS / SpinBudget.STEPS));
    }

    @Test
    void shouldNeverSpinWhenTheLongestBudgetIsNothing()
    {
        final SpinBudget budget = new SpinBudget(0, 0);

        budget.onWaitEnded(0);

        assertEquals(0, budget.spinNs());
        assertEquals(0, budget.yieldNs());
    }

    @Test
    void shouldRefuseANegativeBudget()
    {
        assertThrows(IllegalArgumentException.class, () -> new SpinBudget(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpinBudget(0, -1));
    }
}
