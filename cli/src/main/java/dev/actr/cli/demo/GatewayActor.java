package dev.actr.cli.demo;

import dev.actr.cli.demo.proto.ExchangeClient;
import dev.actr.cli.demo.proto.GatewayHandler;
import dev.actr.cli.demo.proto.OrderReport;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.cli.demo.proto.OrderStatus;
import dev.actr.cli.demo.proto.RiskClient;
import dev.actr.cli.demo.proto.RiskVerdict;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.Routes;

import java.util.ArrayDeque;

/**
 * Takes each request of the host: defers its reply, calls risk (a nested call with a deadline of its own), then —
 * when risk accepts — the exchange, and answers the host with the exchange's report, all from continuations on the
 * engine thread; nothing blocks it. Every request, cancels included, takes the same two steps, so the order in
 * which requests reach the exchange is the order in which they reached the gateway (see {@link Demo}).
 * The state of each request in flight is a pooled {@link OrderFlow}.
 */
final class GatewayActor implements Actor, GatewayHandler
{
    private final RiskClient risk;
    private final DemoAddresses addresses;
    private final long riskTimeoutMs;
    private ExchangeClient exchange;
    private final ArrayDeque<OrderFlow> pool = new ArrayDeque<>();

    /**
     * @param risk          where risk runs (an actor of this node).
     * @param addresses     where the exchange runs (this node or a peer), read at the first request placed: on a
     *                      network lane the exchange node's id is learned after this actor was made.
     * @param riskTimeoutMs deadline of each risk check; the exchange gets what is left of the host's deadline.
     */
    GatewayActor(final Dest risk, final DemoAddresses addresses, final long riskTimeoutMs)
    {
        this.risk = RiskClient.to(risk);
        this.addresses = addresses;
        this.riskTimeoutMs = riskTimeoutMs;
    }

    @Override
    public void onRegister(final Routes routes)
    {
        GatewayHandler.bind(routes, this);
    }

    @Override
    public OrderReport submit(final ActorContext ctx, final OrderRequest request)
    {
        final DeferredReply<OrderReport> reply = ctx.defer();
        final OrderFlow flow = pool.isEmpty() ? new OrderFlow() : pool.pollFirst();
        flow.reply = reply;
        flow.request = request;
        risk.check(ctx, request, riskTimeoutMs).then(flow.onVerdict);
        return null;
    }

    private ExchangeClient exchange()
    {
        if (exchange == null)
        {
            exchange = ExchangeClient.to(addresses.exchange());
        }
        return exchange;
    }

    private void release(final OrderFlow flow)
    {
        flow.reply = null;
        flow.request = null;
        pool.addFirst(flow);
    }

    /** One request between the host's call and the gateway's reply. */
    private final class OrderFlow
    {
        DeferredReply<OrderReport> reply;
        OrderRequest request;

        final ReplyHandler<RiskVerdict> onVerdict = new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext ctx, final RiskVerdict verdict)
            {
                if (verdict.getAccepted())
                {
                    exchange().place(ctx, request, Long.MAX_VALUE).then(onReport);
                    return;
                }
                reply.reply(OrderReport.newBuilder()
                    .setSeq(request.getSeq())
                    .setOrderId(orderId(request))
                    .setStatus(OrderStatus.RISK_REJECTED)
                    .setReason(verdict.getReason())
                    .build());
                release(OrderFlow.this);
            }

            @Override
            public void onError(final ActorContext ctx, final int errorCode, final String message)
            {
                reply.fail(errorCode, "risk: " + message);
                release(OrderFlow.this);
            }
        };

        final ReplyHandler<OrderReport> onReport = new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext ctx, final OrderReport report)
            {
                reply.reply(report);
                release(OrderFlow.this);
            }

            @Override
            public void onError(final ActorContext ctx, final int errorCode, final String message)
            {
                reply.fail(errorCode, "exchange: " + message);
                release(OrderFlow.this);
            }
        };
    }

    private static long orderId(final OrderRequest request)
    {
        return request.hasNewOrder() ? request.getNewOrder().getOrderId() : request.getCancel().getOrderId();
    }
}
