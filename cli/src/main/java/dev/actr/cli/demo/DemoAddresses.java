package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Dest;

import java.util.Objects;

/**
 * How the demo's two sides reach each other. The client side (gateway, risk, subscriber, and the host driving the
 * gateway) and the exchange side (exchange, market data) run on one node or on two; within a side every actor is a
 * {@code Dest.workload} of its own node, across sides a {@code Dest.peer} of the other node's id. Immutable.
 */
public final class DemoAddresses
{
    private final Dest exchange;
    private final Dest marketData;
    private final Dest subscriber;

    private DemoAddresses(final Dest exchange, final Dest marketData, final Dest subscriber)
    {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
    }

    /**
     * @return both sides on one node.
     */
    public static DemoAddresses oneNode()
    {
        return new DemoAddresses(Dest.workload(DemoIds.EXCHANGE), Dest.workload(DemoIds.MARKET_DATA),
            Dest.workload(DemoIds.SUBSCRIBER));
    }

    /**
     * @param clientNode   the id the client side's node is known by on the lane.
     * @param exchangeNode the id the exchange side's node is known by on the lane.
     * @return the sides on two nodes.
     */
    public static DemoAddresses twoNodes(final ActrId clientNode, final ActrId exchangeNode)
    {
        return new DemoAddresses(Dest.peer(exchangeNode), Dest.peer(exchangeNode), Dest.peer(clientNode));
    }

    /**
     * @return the exchange, from the client side.
     */
    public Dest exchange()
    {
        return exchange;
    }

    /**
     * @return market data, from the client side.
     */
    public Dest marketData()
    {
        return marketData;
    }

    /**
     * @return the subscriber, from the exchange side.
     */
    public Dest subscriber()
    {
        return subscriber;
    }

    @Override
    public String toString()
    {
        return "DemoAddresses{exchange=" + exchange + ", marketData=" + marketData + ", subscriber=" + subscriber + '}';
    }
}
