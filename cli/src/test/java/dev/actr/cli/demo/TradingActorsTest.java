package dev.actr.cli.demo;

import com.google.protobuf.Empty;
import dev.actr.cli.demo.proto.CancelOrder;
import dev.actr.cli.demo.proto.ExchangeClient;
import dev.actr.cli.demo.proto.ExchangeStats;
import dev.actr.cli.demo.proto.NewOrder;
import dev.actr.cli.demo.proto.OrderReport;
import dev.actr.cli.demo.proto.OrderRequest;
import dev.actr.cli.demo.proto.OrderStatus;
import dev.actr.cli.demo.proto.RiskClient;
import dev.actr.cli.demo.proto.RiskVerdict;
import dev.actr.cli.demo.proto.Side;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange and risk actors through a real node and their generated clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TradingActorsTest
{
    private static final long TIMEOUT_MS = 5_000;

    private final ActrNode node = ActrNode.launch(DemoActors.exchangeSide(
        DemoActors.clientSide(new NodeContext(), DemoAddresses.oneNode(), 1_000), DemoAddresses.oneNode()));
    private final ExchangeClient exchange = ExchangeClient.to(Dest.workload(DemoIds.EXCHANGE));
    private final RiskClient risk = RiskClient.to(Dest.workload(DemoIds.RISK));

    @AfterEach
    void close()
    {
        node.close();
    }

    @Test
    void shouldMatchRestAndCancelAndReportFills()
    {
        final OrderReport resting = place(0, 1, Side.SELL, 10_000, 30);
        final OrderReport taker = place(1, 2, Side.BUY, 10_001, 50);
        final OrderReport canceled = cancel(2, 2);
        final OrderReport again = cancel(3, 2);

        assertThat(resting.getStatus()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(resting.getLeavesQuantity()).isEqualTo(30);
        assertThat(taker.getFillsList()).singleElement().satisfies(fill ->
        {
            assertThat(fill.getTradeId()).isEqualTo(1);
            assertThat(fill.getMakerOrderId()).isEqualTo(1);
            assertThat(fill.getTakerOrderId()).isEqualTo(2);
            assertThat(fill.getPriceTicks()).isEqualTo(10_000);
            assertThat(fill.getQuantity()).isEqualTo(30);
        });
        assertThat(taker.getLeavesQuantity()).isEqualTo(20);
        assertThat(canceled.getStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.getLeavesQuantity()).isEqualTo(20);
        assertThat(again.getStatus()).isEqualTo(OrderStatus.CANCEL_REJECTED);
        final ExchangeStats stats = exchange.statsBlocking(node.host(), Empty.getDefaultInstance(), TIMEOUT_MS);
        assertThat(stats.getTrades()).isEqualTo(1);
        assertThat(stats.getVolume()).isEqualTo(30);
        assertThat(stats.getRestingOrders()).isZero();
        final TradeFingerprint expected = new TradeFingerprint();
        expected.add(taker.getFills(0));
        assertThat(stats.getFingerprint()).isEqualTo(expected.value());
    }

    @Test
    void shouldRefuseAndCountARequestThatComesOutOfSeqOrder()
    {
        place(5, 1, Side.BUY, 10_000, 10);

        final OrderReport late = place(3, 2, Side.SELL, 10_000, 10);

        assertThat(late.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(late.getReason()).contains("seq 3 after 5");
        assertThat(late.getFillsList()).isEmpty();
        final ExchangeStats stats = exchange.statsBlocking(node.host(), Empty.getDefaultInstance(), TIMEOUT_MS);
        assertThat(stats.getOutOfSequence()).isEqualTo(1);
        assertThat(stats.getTrades()).isZero();
    }

    @Test
    void shouldRefuseAnOrderPricedOutsideTheBook()
    {
        final OrderReport report = place(0, 1, Side.BUY, ExchangeActor.PRICE_LEVELS, 10);

        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getReason()).contains("price outside");
    }

    @Test
    void shouldRefuseOrdersOverTheNotionalTheBandOrTheAccountsExposureAndAcceptCancels()
    {
        assertThat(check(0, 1, Side.BUY, 10_000, 600).getReason()).contains("notional 6000000");
        assertThat(check(0, 2, Side.BUY, 10_000, 100).getAccepted()).isTrue();
        assertThat(check(0, 3, Side.BUY, 10_000 + RiskActor.PRICE_BAND_TICKS + 1, 1).getReason())
            .contains("outside 10000 +/- 50");
        final List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            accepted.add(check(1, 10 + i, Side.SELL, 10_000, 100).getAccepted());
        }
        assertThat(accepted).as("15 x 100 lots reach the limit of 1,500, the 16th would pass it")
            .containsExactly(true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
                false, false, false, false, false);
        assertThat(check(1, 40, Side.BUY, 10_000, 100).getAccepted()).as("a buy brings account 1 back").isTrue();
        assertThat(risk.checkBlocking(node.host(), OrderRequest.newBuilder().setSeq(99).setAccount(1)
            .setCancel(CancelOrder.newBuilder().setOrderId(10)).build(), TIMEOUT_MS).getAccepted()).isTrue();
    }

    @Test
    void shouldGiveTheSameFlowForTheSameSeedAndAnotherForAnotherSeed()
    {
        final OrderFlow first = new OrderFlow(3);
        final OrderFlow again = new OrderFlow(3);
        final OrderFlow other = new OrderFlow(4);
        final List<OrderRequest> a = new ArrayList<>();
        final List<OrderRequest> b = new ArrayList<>();
        final List<OrderRequest> c = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            a.add(first.next());
            b.add(again.next());
            c.add(other.next());
        }

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(a.get(999).getSeq()).isEqualTo(999);
        assertThat(a).filteredOn(OrderRequest::hasCancel).hasSizeBetween(150, 250);
    }

    private OrderReport place(final long seq, final long orderId, final Side side, final long price, final long qty)
    {
        return exchange.placeBlocking(node.host(), newOrder(seq, 0, orderId, side, price, qty), TIMEOUT_MS);
    }

    private OrderReport cancel(final long seq, final long orderId)
    {
        return exchange.placeBlocking(node.host(), OrderRequest.newBuilder().setSeq(seq)
            .setCancel(CancelOrder.newBuilder().setOrderId(orderId)).build(), TIMEOUT_MS);
    }

    private RiskVerdict check(final int account, final long orderId, final Side side, final long price, final long qty)
    {
        return risk.checkBlocking(node.host(), newOrder(orderId, account, orderId, side, price, qty), TIMEOUT_MS);
    }

    private static OrderRequest newOrder(
        final long seq, final int account, final long orderId, final Side side, final long price, final long qty)
    {
        return OrderRequest.newBuilder().setSeq(seq).setAccount(account).setNewOrder(NewOrder.newBuilder()
            .setOrderId(orderId).setSide(side).setPriceTicks(price).setQuantity(qty)).build();
    }
}
