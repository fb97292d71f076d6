package dev.actr.cli.demo;

import dev.actr.cli.demo.proto.CancelOrder;
import dev.actr.cli.demo.proto.NewOrder;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.cli.demo.proto.Side;

import java.util.SplittableRandom;

/**
 * The seeded order flow the host sends: limit orders around a mid price that walks, a share of them aggressive
 * (crossing the mid, so they trade), some oversized or far off the mid (risk refuses those), and cancels of recent
 * orders (which may have filled already). Everything — request seq, order ids, accounts, sides, prices,
 * quantities, cancel targets — comes from the seed through {@link SplittableRandom}, whose sequence is specified
 * for a given seed, so the same seed gives the same flow in every run and every JVM.
 *
 * <p>NOT thread safe: the host's sending thread.
 */
final class OrderFlow
{
    static final long MID_START_TICKS = 10_000;
    static final long MID_LOW_TICKS = 9_000;
    static final long MID_HIGH_TICKS = 11_000;
    private static final int RECENT_ORDERS = 64;

    private final SplittableRandom random;
    private final long[] recent = new long[RECENT_ORDERS];
    private int recentCount;
    private long seq;
    private long nextOrderId = 1;
    private long mid = MID_START_TICKS;

    /**
     * @param seed of the flow.
     */
    OrderFlow(final long seed)
    {
        random = new SplittableRandom(seed);
    }

    /**
     * @return the next request; its seq is one more than the last one's, from 0.
     */
    OrderRequest next()
    {
        final OrderRequest.Builder request = OrderRequest.newBuilder()
            .setSeq(seq++)
            .setAccount(random.nextInt(DemoActors.ACCOUNTS));
        walkMid();
        if (recentCount > 0 && random.nextInt(100) < 20)
        {
            final long target = recent[random.nextInt(Math.min(recentCount, RECENT_ORDERS))];
            return request.setCancel(CancelOrder.newBuilder().setOrderId(target)).build();
        }
        final long orderId = nextOrderId++;
        recent[recentCount++ % RECENT_ORDERS] = orderId;
        final boolean buy = random.nextBoolean();
        return request.setNewOrder(NewOrder.newBuilder()
            .setOrderId(orderId)
            .setSide(buy ? Side.BUY : Side.SELL)
            .setPriceTicks(price(buy))
            .setQuantity(quantity()))
            .build();
    }

    private void walkMid()
    {
        mid = Math.max(MID_LOW_TICKS, Math.min(MID_HIGH_TICKS, mid + random.nextInt(3) - 1));
    }

    private long price(final boolean buy)
    {
        final int roll = random.nextInt(1_000);
        if (roll < 5)
        {
            final long offFar = 100 + random.nextInt(200);
            return random.nextBoolean() ? mid + offFar : mid - offFar;  // a fat finger: outside risk's band
        }
        if (roll < 350)
        {
            final long cross = random.nextInt(4);
            return buy ? mid + cross : mid - cross;                       // aggressive: trades against the other side
        }
        final long away = 1 + random.nextInt(10);
        return buy ? mid - away : mid + away;                              // passive: rests
    }

    private long quantity()
    {
        if (random.nextInt(100) == 0)
        {
            return 1_000 + random.nextInt(9_000);                          // too much notional for risk
        }
        return 1 + random.nextInt(100);
    }
}
