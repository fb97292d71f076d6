package dev.actr.cli.demo;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * A limit order book for one instrument, with price-time priority: an incoming order trades against the best
 * opposite price first and, at one price, against the order that rested there first; each trade is at the resting
 * (maker) order's price. What is left of an incoming order rests at its limit price, behind the orders already
 * there; a partially filled resting order keeps its place. A cancel removes what rests of an order.
 *
 * <p>Prices are ticks in {@code [1, priceLevels)}, one array slot per price and side, so that finding the next best
 * price is a short scan and a resting order is found by id in a hash map; resting orders are pooled. Given the same
 * sequence of calls, the book makes the same trades in the same order: it reads no clock and no randomness.
 *
 * <p>NOT thread safe: the exchange actor's, on its engine thread.
 */
final class OrderBook
{
    /** Side of an order: buy (the {@code Side.BUY} number of trading.proto). */
    static final int BUY = 1;
    /** Side of an order: sell (the {@code Side.SELL} number of trading.proto). */
    static final int SELL = 2;

    /** {@link #submit} result: the quantity is not positive. */
    static final long REJECT_QUANTITY = -1;
    /** {@link #submit} result: the price is outside {@code [1, priceLevels)}. */
    static final long REJECT_PRICE = -2;
    /** {@link #submit} result: an order with this id rests already. */
    static final long REJECT_DUPLICATE = -3;
    /** {@link #submit} result: the side is neither {@link #BUY} nor {@link #SELL}. */
    static final long REJECT_SIDE = -4;

    /** Told of each trade as it happens. */
    @FunctionalInterface
    interface FillListener
    {
        /**
         * @param makerOrderId the resting order.
         * @param takerOrderId the incoming order.
         * @param takerSide    {@link #BUY} or {@link #SELL}: the incoming order's side.
         * @param priceTicks   the trade price: the maker's.
         * @param quantity     traded, > 0.
         */
        void onFill(long makerOrderId, long takerOrderId, int takerSide, long priceTicks, long quantity);
    }

    private final int priceLevels;
    private final PriceLevel[] bids;
    private final PriceLevel[] asks;
    private final Long2ObjectHashMap<RestingOrder> resting = new Long2ObjectHashMap<>();
    private RestingOrder free;
    private int bestBid;
    private int bestAsk;

    /**
     * @param priceLevels prices are ticks in {@code [1, priceLevels)}.
     */
    OrderBook(final int priceLevels)
    {
        if (priceLevels < 2)
        {
            throw new IllegalArgumentException("priceLevels must be >= 2: " + priceLevels);
        }
        this.priceLevels = priceLevels;
        this.bids = new PriceLevel[priceLevels];
        this.asks = new PriceLevel[priceLevels];
    }

    /**
     * Match an incoming limit order, then rest what is left of it.
     *
     * @param orderId    unique among resting orders.
     * @param side       {@link #BUY} or {@link #SELL}.
     * @param priceTicks limit price.
     * @param quantity   > 0.
     * @param fills      told of each trade, in order.
     * @return the quantity left resting (0 when it filled completely), or a negative {@code REJECT_*} code, with
     * nothing traded.
     */
    long submit(
        final long orderId, final int side, final long priceTicks, final long quantity, final FillListener fills)
    {
        if (side != BUY && side != SELL)
        {
            return REJECT_SIDE;
        }
        if (quantity <= 0)
        {
            return REJECT_QUANTITY;
        }
        if (priceTicks < 1 || priceTicks >= priceLevels)
        {
            return REJECT_PRICE;
        }
        if (resting.containsKey(orderId))
        {
            return REJECT_DUPLICATE;
        }
        final int price = (int)priceTicks;
        final long left = side == BUY ? buy(orderId, price, quantity, fills) : sell(orderId, price, quantity, fills);
        if (left > 0)
        {
            rest(orderId, side, price, left);
        }
        return left;
    }

    /**
     * @param orderId a resting order.
     * @return the quantity canceled, or 0 when nothing of that order rests.
     */
    long cancel(final long orderId)
    {
        final RestingOrder order = resting.remove(orderId);
        if (order == null)
        {
            return 0;
        }
        final long quantity = order.quantity;
        final PriceLevel[] levels = order.side == BUY ? bids : asks;
        final PriceLevel level = levels[order.price];
        level.unlink(order);
        level.quantity -= quantity;
        if (level.head == null)
        {
            if (order.side == BUY && order.price == bestBid)
            {
                bestBid = nextBidBelow(bestBid);
            }
            else if (order.side == SELL && order.price == bestAsk)
            {
                bestAsk = nextAskAbove(bestAsk);
            }
        }
        release(order);
        return quantity;
    }

    /**
     * @return the best bid in ticks, 0 when no buy order rests.
     */
    long bestBid()
    {
        return bestBid;
    }

    /**
     * @return the best ask in ticks, 0 when no sell order rests.
     */
    long bestAsk()
    {
        return bestAsk;
    }

    /**
     * @return the quantity resting at the best bid.
     */
    long bestBidQuantity()
    {
        return bestBid == 0 ? 0 : bids[bestBid].quantity;
    }

    /**
     * @return the quantity resting at the best ask.
     */
    long bestAskQuantity()
    {
        return bestAsk == 0 ? 0 : asks[bestAsk].quantity;
    }

    /**
     * @param orderId an order.
     * @return the quantity of it resting, 0 when none.
     */
    long restingQuantity(final long orderId)
    {
        final RestingOrder order = resting.get(orderId);
        return order == null ? 0 : order.quantity;
    }

    /**
     * @return how many orders rest.
     */
    int restingOrders()
    {
        return resting.size();
    }

    private long buy(final long orderId, final int limit, final long quantity, final FillListener fills)
    {
        long left = quantity;
        while (left > 0 && bestAsk != 0 && bestAsk <= limit)
        {
            left = take(asks[bestAsk], orderId, BUY, left, fills);
            if (asks[bestAsk].head == null)
            {
                bestAsk = nextAskAbove(bestAsk);
            }
        }
        return left;
    }

    private long sell(final long orderId, final int limit, final long quantity, final FillListener fills)
    {
        long left = quantity;
        while (left > 0 && bestBid != 0 && bestBid >= limit)
        {
            left = take(bids[bestBid], orderId, SELL, left, fills);
            if (bids[bestBid].head == null)
            {
                bestBid = nextBidBelow(bestBid);
            }
        }
        return left;
    }

    /**
     * Trade against one price level, oldest order first.
     */
    private long take(
        final PriceLevel level, final long takerId, final int takerSide, final long quantity, final FillListener fills)
    {
        long left = quantity;
        while (left > 0 && level.head != null)
        {
            final RestingOrder maker = level.head;
            final long traded = Math.min(left, maker.quantity);
            maker.quantity -= traded;
            level.quantity -= traded;
            left -= traded;
            fills.onFill(maker.orderId, takerId, takerSide, maker.price, traded);
            if (maker.quantity == 0)
            {
                level.unlink(maker);
                resting.remove(maker.orderId);
                release(maker);
            }
        }
        return left;
    }

    private void rest(final long orderId, final int side, final int price, final long quantity)
    {
        final RestingOrder order = acquire();
        order.orderId = orderId;
        order.side = side;
        order.price = price;
        order.quantity = quantity;
        final PriceLevel[] levels = side == BUY ? bids : asks;
        PriceLevel level = levels[price];
        if (level == null)
        {
            level = new PriceLevel();
            levels[price] = level;
        }
        level.append(order);
        level.quantity += quantity;
        resting.put(orderId, order);
        if (side == BUY && price > bestBid)
        {
            bestBid = price;
        }
        else if (side == SELL && (bestAsk == 0 || price < bestAsk))
        {
            bestAsk = price;
        }
    }

    private int nextAskAbove(final int price)
    {
        for (int p = price + 1; p < priceLevels; p++)
        {
            if (asks[p] != null && asks[p].head != null)
            {
                return p;
            }
        }
        return 0;
    }

    private int nextBidBelow(final int price)
    {
        for (int p = price - 1; p > 0; p--)
        {
            if (bids[p] != null && bids[p].head != null)
            {
                return p;
            }
        }
        return 0;
    }

    private RestingOrder acquire()
    {
        final RestingOrder order = free;
        if (order == null)
        {
            return new RestingOrder();
        }
        free = order.next;
        order.next = null;
        return order;
    }

    private void release(final RestingOrder order)
    {
        order.previous = null;
        order.next = free;
        free = order;
    }

    /** An order resting in the book: a node of its price level's queue. */
    private static final class RestingOrder
    {
        long orderId;
        int side;
        int price;
        long quantity;
        RestingOrder previous;
        RestingOrder next;
    }

    /** The orders resting at one price on one side, oldest first. */
    private static final class PriceLevel
    {
        RestingOrder head;
        RestingOrder tail;
        long quantity;

        void append(final RestingOrder order)
        {
            order.previous = tail;
            order.next = null;
            if (tail == null)
            {
                head = order;
            }
            else
            {
                tail.next = order;
            }
            tail = order;
        }

        void unlink(final RestingOrder order)
        {
            if (order.previous == null)
            {
                head = order.next;
            }
            else
            {
                order.previous.next = order.next;
            }
            if (order.next == null)
            {
                tail = order.previous;
            }
            else
            {
                order.next.previous = order.previous;
            }
            order.previous = null;
            order.next = null;
        }
    }
}
