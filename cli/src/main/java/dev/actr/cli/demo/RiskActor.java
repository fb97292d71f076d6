package dev.actr.cli.demo;

import dev.actr.cli.demo.proto.NewOrder;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.cli.demo.proto.RiskHandler;
import dev.actr.cli.demo.proto.RiskVerdict;
import dev.actr.cli.demo.proto.Side;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Routes;

/**
 * Pre-trade risk: a new order is refused when its notional is above {@link #MAX_ORDER_NOTIONAL}, its price is more
 * than {@link #PRICE_BAND_TICKS} from the last accepted price, or it would take its account's net exposure — lots of
 * accepted buys minus lots of accepted sells, each counted in full whether it fills or not — beyond
 * {@link #MAX_POSITION} either way. Cancels are always accepted (and give no room back).
 *
 * <p>Its decisions depend only on the sequence of requests it checks — never on fills, which come back in an order
 * that timing decides — so the same flow gets the same verdicts on every lane.
 */
final class RiskActor implements Actor, RiskHandler
{
    /** Most notional (price ticks times lots) of one order. */
    static final long MAX_ORDER_NOTIONAL = 5_000_000;
    /** Farthest an order's price may be from the last accepted one, in ticks. */
    static final long PRICE_BAND_TICKS = 50;
    /** Most net lots an account's accepted orders may add up to, long or short. */
    static final long MAX_POSITION = 1_500;

    private static final RiskVerdict ACCEPTED = RiskVerdict.newBuilder().setAccepted(true).build();

    private final long[] exposure;
    private long lastPriceTicks;
    private long checked;
    private long refused;

    /**
     * @param accounts accounts are numbered {@code [0, accounts)}.
     */
    RiskActor(final int accounts)
    {
        exposure = new long[accounts];
    }

    @Override
    public void onRegister(final Routes routes)
    {
        RiskHandler.bind(routes, this);
    }

    @Override
    public RiskVerdict check(final ActorContext ctx, final OrderRequest request)
    {
        checked++;
        if (request.getKindCase() == OrderRequest.KindCase.CANCEL)
        {
            return ACCEPTED;
        }
        if (request.getKindCase() != OrderRequest.KindCase.NEW_ORDER || request.getAccount() >= exposure.length)
        {
            return refuse("neither a new order nor a cancel of a known account");
        }
        final NewOrder order = request.getNewOrder();
        final long notional = order.getPriceTicks() * order.getQuantity();
        if (order.getQuantity() <= 0 || notional > MAX_ORDER_NOTIONAL)
        {
            return refuse("notional " + notional + " above " + MAX_ORDER_NOTIONAL);
        }
        if (lastPriceTicks != 0 && Math.abs(order.getPriceTicks() - lastPriceTicks) > PRICE_BAND_TICKS)
        {
            return refuse("price " + order.getPriceTicks() + " outside " + lastPriceTicks + " +/- " + PRICE_BAND_TICKS);
        }
        final int account = request.getAccount();
        final long signed = order.getSide() == Side.BUY ? order.getQuantity() : -order.getQuantity();
        final long position = exposure[account] + signed;
        if (Math.abs(position) > MAX_POSITION)
        {
            return refuse("account " + account + " exposure would be " + position + ", limit " + MAX_POSITION);
        }
        exposure[account] = position;
        lastPriceTicks = order.getPriceTicks();
        return ACCEPTED;
    }

    /**
     * @return requests checked.
     */
    long checked()
    {
        return checked;
    }

    /**
     * @return requests refused.
     */
    long refused()
    {
        return refused;
    }

    private RiskVerdict refuse(final String reason)
    {
        refused++;
        return RiskVerdict.newBuilder().setAccepted(false).setReason(reason).build();
    }
}
