package dev.actr.cli.demo;

import com.google.protobuf.Empty;
import dev.actr.cli.demo.proto.ExchangeHandler;
import dev.actr.cli.demo.proto.ExchangeStats;
import dev.actr.cli.demo.proto.Fill;
import dev.actr.cli.demo.proto.MarketDataClient;
import dev.actr.cli.demo.proto.MarketUpdate;
import dev.actr.cli.demo.proto.NewOrder;
import dev.actr.cli.demo.proto.OrderReport;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.cli.demo.proto.OrderStatus;
import dev.actr.cli.demo.proto.Quote;
import dev.actr.cli.demo.proto.Side;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Routes;

/**
 * The matching engine: one {@link OrderBook}, fed the requests that passed risk in the order they arrive, which
 * must be increasing {@code seq} — one that is not is refused and counted ({@code out_of_sequence}), so a run whose
 * requests were reordered on the way fails its checks instead of making other trades quietly. Answers each request
 * with a report (its fills, what rests), keeps a {@link TradeFingerprint} of every trade, and tells market data
 * what each request traded and how it moved the top of the book.
 */
final class ExchangeActor implements Actor, ExchangeHandler
{
    /** Prices are ticks in {@code [1, PRICE_LEVELS)}. */
    static final int PRICE_LEVELS = 20_000;

    private final OrderBook book = new OrderBook(PRICE_LEVELS);
    private final TradeFingerprint fingerprint = new TradeFingerprint();
    private final MarketDataClient marketData;
    private final OrderBook.FillListener onFill = this::onFill;
    private OrderReport.Builder report;
    private MarketUpdate.Builder update;
    private long lastSeq = -1;
    private long tradeId;
    private long volume;
    private long orders;
    private long cancels;
    private long rejected;
    private long outOfSequence;
    private long quoteSequence;
    private long bidTicks;
    private long bidQuantity;
    private long askTicks;
    private long askQuantity;

    /**
     * @param marketData where market data runs (an actor of this node).
     */
    ExchangeActor(final Dest marketData)
    {
        this.marketData = MarketDataClient.to(marketData);
    }

    @Override
    public void onRegister(final Routes routes)
    {
        ExchangeHandler.bind(routes, this);
    }

    @Override
    public OrderReport place(final ActorContext ctx, final OrderRequest request)
    {
        report = OrderReport.newBuilder().setSeq(request.getSeq());
        update = null;
        if (request.getSeq() <= lastSeq)
        {
            outOfSequence++;
            return reject(request.hasNewOrder() ? request.getNewOrder().getOrderId() : 0,
                "seq " + request.getSeq() + " after " + lastSeq);
        }
        lastSeq = request.getSeq();
        if (request.hasNewOrder())
        {
            placeNew(request.getNewOrder());
        }
        else if (request.hasCancel())
        {
            cancel(request.getCancel().getOrderId());
        }
        else
        {
            reject(0, "neither a new order nor a cancel");
        }
        publish(ctx);
        return report.build();
    }

    @Override
    public ExchangeStats stats(final ActorContext ctx, final Empty request)
    {
        return ExchangeStats.newBuilder()
            .setOrders(orders)
            .setCancels(cancels)
            .setRejected(rejected)
            .setTrades(tradeId)
            .setVolume(volume)
            .setFingerprint(fingerprint.value())
            .setOutOfSequence(outOfSequence)
            .setRestingOrders(book.restingOrders())
            .setQuotes(quoteSequence)
            .build();
    }

    private void placeNew(final NewOrder order)
    {
        orders++;
        report.setOrderId(order.getOrderId());
        final long left = book.submit(order.getOrderId(), order.getSideValue(), order.getPriceTicks(),
            order.getQuantity(), onFill);
        if (left < 0)
        {
            reject(order.getOrderId(), rejectReason(left));
            return;
        }
        report.setStatus(OrderStatus.ACCEPTED).setLeavesQuantity(left);
    }

    private void cancel(final long orderId)
    {
        cancels++;
        final long canceled = book.cancel(orderId);
        report.setOrderId(orderId)
            .setStatus(canceled > 0 ? OrderStatus.CANCELED : OrderStatus.CANCEL_REJECTED)
            .setLeavesQuantity(canceled);
    }

    private OrderReport reject(final long orderId, final String reason)
    {
        rejected++;
        return report.setOrderId(orderId).setStatus(OrderStatus.REJECTED).setReason(reason).build();
    }

    private void onFill(
        final long makerOrderId, final long takerOrderId, final int takerSide, final long priceTicks, final long quantity)
    {
        final Fill fill = Fill.newBuilder()
            .setTradeId(++tradeId)
            .setMakerOrderId(makerOrderId)
            .setTakerOrderId(takerOrderId)
            .setTakerSide(Side.forNumber(takerSide))
            .setPriceTicks(priceTicks)
            .setQuantity(quantity)
            .build();
        fingerprint.add(makerOrderId, takerOrderId, takerSide, priceTicks, quantity);
        volume += quantity;
        report.addFills(fill);
        updateBuilder().addTrades(fill);
    }

    /**
     * Tell market data what this request traded and where the top of the book is now, when either changed. A tell
     * that cannot be sent shows at the subscriber as a tape shorter than the exchange's trades.
     */
    private void publish(final ActorContext ctx)
    {
        if (book.bestBid() != bidTicks || book.bestBidQuantity() != bidQuantity || book.bestAsk() != askTicks ||
            book.bestAskQuantity() != askQuantity)
        {
            bidTicks = book.bestBid();
            bidQuantity = book.bestBidQuantity();
            askTicks = book.bestAsk();
            askQuantity = book.bestAskQuantity();
            updateBuilder().setQuote(Quote.newBuilder()
                .setSequence(++quoteSequence)
                .setBidPriceTicks(bidTicks)
                .setBidQuantity(bidQuantity)
                .setAskPriceTicks(askTicks)
                .setAskQuantity(askQuantity));
        }
        if (update != null)
        {
            marketData.tellPublish(ctx, update.build());
        }
    }

    private MarketUpdate.Builder updateBuilder()
    {
        if (update == null)
        {
            update = MarketUpdate.newBuilder();
        }
        return update;
    }

    private static String rejectReason(final long code)
    {
        if (code == OrderBook.REJECT_PRICE)
        {
            return "price outside [1, " + PRICE_LEVELS + ")";
        }
        if (code == OrderBook.REJECT_QUANTITY)
        {
            return "quantity must be positive";
        }
        if (code == OrderBook.REJECT_DUPLICATE)
        {
            return "duplicate order id";
        }
        return "unknown side";
    }
}
