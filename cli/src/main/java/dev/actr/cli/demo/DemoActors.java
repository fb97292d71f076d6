package dev.actr.cli.demo;

import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Dest;

/**
 * Puts fresh instances of the demo's actors on a node, always with the same ids in the same order — which is what
 * a replay needs: {@code Replayer.replay} of a node's journal takes a context built by the same call.
 */
public final class DemoActors
{
    /** Accounts of the order flow and of risk. */
    static final int ACCOUNTS = 8;

    private DemoActors()
    {
    }

    /**
     * Add the gateway, risk and subscriber.
     *
     * @param node          the client side's node.
     * @param addresses     how the sides reach each other; the exchange node's id may still be learned, until
     *                      the host's first request.
     * @param riskTimeoutMs deadline of the gateway's risk checks.
     * @return {@code node}.
     */
    public static NodeContext clientSide(final NodeContext node, final DemoAddresses addresses, final long riskTimeoutMs)
    {
        return node
            .actor(DemoIds.GATEWAY, new GatewayActor(Dest.workload(DemoIds.RISK), addresses, riskTimeoutMs))
            .actor(DemoIds.RISK, new RiskActor(ACCOUNTS))
            .actor(DemoIds.SUBSCRIBER, new SubscriberActor(addresses));
    }

    /**
     * Add the exchange and market data.
     *
     * @param node      the exchange side's node.
     * @param addresses how the sides reach each other; the client node's id may still be learned, until the
     *                  first request reaches the exchange (a replay is made with the ids the run learned).
     * @return {@code node}.
     */
    public static NodeContext exchangeSide(final NodeContext node, final DemoAddresses addresses)
    {
        return node
            .actor(DemoIds.EXCHANGE, new ExchangeActor(Dest.workload(DemoIds.MARKET_DATA)))
            .actor(DemoIds.MARKET_DATA, new MarketDataActor(addresses));
    }
}
