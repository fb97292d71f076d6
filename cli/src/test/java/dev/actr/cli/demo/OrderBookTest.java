package dev.actr.cli.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static dev.actr.cli.demo.OrderBook.BUY;
import static dev.actr.cli.demo.OrderBook.SELL;
import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest
{
    private final OrderBook book = new OrderBook(1_000);
    private final List<String> fills = new ArrayList<>();
    private final OrderBook.FillListener listener = (maker, taker, side, price, quantity) ->
        fills.add(maker + "x" + taker + (side == BUY ? " buy " : " sell ") + quantity + "@" + price);

    @Test
    void shouldFillTheBestPriceFirstThenTheOldestOrderAtThatPrice()
    {
        book.submit(1, SELL, 101, 10, listener);
        book.submit(2, SELL, 100, 10, listener);
        book.submit(3, SELL, 100, 10, listener);
        book.submit(4, SELL, 99, 5, listener);

        final long left = book.submit(10, BUY, 101, 30, listener);

        assertThat(fills).containsExactly("4x10 buy 5@99", "2x10 buy 10@100", "3x10 buy 10@100", "1x10 buy 5@101");
        assertThat(left).isZero();
        assertThat(book.restingQuantity(1)).isEqualTo(5);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(book.bestBid()).isZero();
    }

    @Test
    void shouldTradeAtTheMakersPriceNotTheTakersLimit()
    {
        book.submit(1, BUY, 100, 10, listener);

        book.submit(2, SELL, 90, 4, listener);

        assertThat(fills).containsExactly("1x2 sell 4@100");
    }

    @Test
    void shouldKeepAPartiallyFilledMakerAtTheHeadOfItsLevel()
    {
        book.submit(1, BUY, 100, 10, listener);
        book.submit(2, BUY, 100, 10, listener);

        book.submit(3, SELL, 100, 4, listener);
        book.submit(4, SELL, 100, 8, listener);

        assertThat(fills).containsExactly("1x3 sell 4@100", "1x4 sell 6@100", "2x4 sell 2@100");
        assertThat(book.restingQuantity(1)).isZero();
        assertThat(book.restingQuantity(2)).isEqualTo(8);
        assertThat(book.bestBidQuantity()).isEqualTo(8);
    }

    @Test
    void shouldRestWhatIsLeftOfAPartiallyFilledTakerAtItsLimitBehindOlderOrders()
    {
        book.submit(1, SELL, 100, 5, listener);
        book.submit(2, BUY, 99, 7, listener);

        final long left = book.submit(3, BUY, 100, 12, listener);
        book.submit(4, SELL, 99, 100, listener);

        assertThat(left).isEqualTo(7);
        assertThat(fills).containsExactly("1x3 buy 5@100", "3x4 sell 7@100", "2x4 sell 7@99");
        assertThat(book.bestAsk()).isEqualTo(99);
        assertThat(book.bestAskQuantity()).isEqualTo(86);
        assertThat(book.bestBid()).isZero();
    }

    @Test
    void shouldNotTradeWhenPricesDoNotCross()
    {
        book.submit(1, SELL, 101, 5, listener);

        assertThat(book.submit(2, BUY, 100, 5, listener)).isEqualTo(5);

        assertThat(fills).isEmpty();
        assertThat(book.bestBid()).isEqualTo(100);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(book.restingOrders()).isEqualTo(2);
    }

    @Test
    void shouldCancelARestingOrderAndMoveTheBestPriceWhenItsLevelEmpties()
    {
        book.submit(1, BUY, 100, 5, listener);
        book.submit(2, BUY, 98, 5, listener);
        book.submit(3, BUY, 100, 5, listener);

        assertThat(book.cancel(1)).isEqualTo(5);
        assertThat(book.bestBid()).isEqualTo(100);
        assertThat(book.cancel(3)).isEqualTo(5);

        assertThat(book.bestBid()).isEqualTo(98);
        assertThat(book.restingOrders()).isEqualTo(1);
        book.submit(4, SELL, 98, 10, listener);
        assertThat(fills).containsExactly("2x4 sell 5@98");
    }

    @Test
    void shouldCancelWhatIsLeftOfAPartiallyFilledOrderOnly()
    {
        book.submit(1, SELL, 100, 10, listener);
        book.submit(2, BUY, 100, 3, listener);

        assertThat(book.cancel(1)).isEqualTo(7);
        assertThat(book.bestAsk()).isZero();
    }

    @Test
    void shouldCancelNothingForAnUnknownFilledOrAlreadyCanceledOrder()
    {
        book.submit(1, SELL, 100, 10, listener);
        book.submit(2, BUY, 100, 10, listener);
        book.submit(3, BUY, 90, 10, listener);
        book.cancel(3);

        assertThat(book.cancel(1)).as("filled").isZero();
        assertThat(book.cancel(2)).as("filled as it came").isZero();
        assertThat(book.cancel(3)).as("canceled before").isZero();
        assertThat(book.cancel(77)).as("unknown").isZero();
        assertThat(book.restingOrders()).isZero();
    }

    @Test
    void shouldRejectBadOrdersWithoutTrading()
    {
        book.submit(1, SELL, 100, 10, listener);

        assertThat(book.submit(2, BUY, 100, 0, listener)).isEqualTo(OrderBook.REJECT_QUANTITY);
        assertThat(book.submit(3, BUY, 0, 5, listener)).isEqualTo(OrderBook.REJECT_PRICE);
        assertThat(book.submit(4, BUY, 1_000, 5, listener)).isEqualTo(OrderBook.REJECT_PRICE);
        assertThat(book.submit(1, BUY, 100, 5, listener)).isEqualTo(OrderBook.REJECT_DUPLICATE);
        assertThat(book.submit(5, 0, 100, 5, listener)).isEqualTo(OrderBook.REJECT_SIDE);

        assertThat(fills).isEmpty();
        assertThat(book.restingQuantity(1)).isEqualTo(10);
    }

    @Test
    void shouldMatchLikeASimpleReferenceBookOnSeededRandomFlow()
    {
        final long seed = Long.getLong("actr.test.seed", System.nanoTime());
        System.out.println("OrderBookTest seed " + seed + " (rerun with -Dactr.test.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final ReferenceBook reference = new ReferenceBook();
        final List<String> referenceFills = new ArrayList<>();
        for (long id = 1; id <= 5_000; id++)
        {
            if (random.nextInt(5) == 0)
            {
                final long target = 1 + random.nextLong(id);
                assertThat(book.cancel(target)).as("cancel %d, seed %d", target, seed)
                    .isEqualTo(reference.cancel(target));
                continue;
            }
            final int side = random.nextBoolean() ? BUY : SELL;
            final long price = 480 + random.nextInt(41);
            final long quantity = 1 + random.nextInt(50);
            final long left = book.submit(id, side, price, quantity, listener);
            assertThat(left).as("order %d, seed %d", id, seed)
                .isEqualTo(reference.submit(id, side, price, quantity, referenceFills));
            assertThat(fills).as("seed %d", seed).isEqualTo(referenceFills);
            assertThat(book.bestBid() == 0 || book.bestAsk() == 0 || book.bestBid() < book.bestAsk())
                .as("never crossed, seed %d", seed).isTrue();
        }
        assertThat(book.restingOrders()).isEqualTo(reference.orders.size());
    }

    /** The rules written as plainly as possible: a list, sorted by price then arrival for each match. */
    private static final class ReferenceBook
    {
        final List<long[]> orders = new ArrayList<>(); // id, side, price, quantity, arrival
        long arrivals;

        long submit(final long id, final int side, final long price, final long quantity, final List<String> fills)
        {
            long left = quantity;
            final Comparator<long[]> best = side == BUY ?
                Comparator.comparingLong((long[] o) -> o[2]).thenComparingLong(o -> o[4]) :
                Comparator.comparingLong((long[] o) -> -o[2]).thenComparingLong(o -> o[4]);
            final List<long[]> makers = new ArrayList<>();
            for (final long[] order : orders)
            {
                if (order[1] != side && (side == BUY ? order[2] <= price : order[2] >= price))
                {
                    makers.add(order);
                }
            }
            makers.sort(best);
            for (final long[] maker : makers)
            {
                if (left == 0)
                {
                    break;
                }
                final long traded = Math.min(left, maker[3]);
                maker[3] -= traded;
                left -= traded;
                fills.add(maker[0] + "x" + id + (side == BUY ? " buy " : " sell ") + traded + "@" + maker[2]);
            }
            orders.removeIf(order -> order[3] == 0);
            if (left > 0)
            {
                orders.add(new long[]{id, side, price, left, arrivals++});
            }
            return left;
        }

        long cancel(final long id)
        {
            for (final long[] order : orders)
            {
                if (order[0] == id)
                {
                    orders.remove(order);
                    return order[3];
                }
            }
            return 0;
        }
    }
}
