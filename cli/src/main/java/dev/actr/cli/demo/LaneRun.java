package dev.actr.cli.demo;

import com.google.protobuf.Empty;
import dev.actr.cli.demo.proto.ExchangeClient;
import dev.actr.cli.demo.proto.ExchangeStats;
import dev.actr.cli.demo.proto.MarketDataClient;
import dev.actr.cli.demo.proto.MarketDataStats;
import dev.actr.cli.demo.proto.OrderReport;
import dev.actr.cli.demo.proto.OrderStatus;
import dev.actr.cli.demo.proto.SubscriberClient;
import dev.actr.cli.demo.proto.SubscriberStats;
import dev.actr.engine.HostClient;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.replay.ReplayReport;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * One lane's run: deploy the topology, drive the order flow, wait for the streams to drain, read every actor's
 * stats, close the nodes, replay the journalled node — and check it all into a {@link LaneResult}.
 */
final class LaneRun
{
    private static final double NS_PER_US = 1_000.0;

    private final DemoContext ctx;
    private final DemoTopology topology;
    private final Path directory;
    private final LongFunction<DemoProgress> progress;
    private final boolean kept;

    /**
     * @param ctx       the options.
     * @param topology  the lane.
     * @param directory the lane's own empty folder.
     * @param progress  makes the lane's progress display for a number of requests.
     * @param kept      the folder stays after the demo (its path goes into the results).
     */
    LaneRun(
        final DemoContext ctx, final DemoTopology topology, final Path directory,
        final LongFunction<DemoProgress> progress, final boolean kept)
    {
        this.kept = kept;
        this.ctx = ctx;
        this.topology = topology;
        this.directory = directory;
        this.progress = progress;
    }

    LaneResult run()
    {
        final LaneResult result = new LaneResult(topology.name());
        result.requests = ctx.orders();
        final DemoDeployment deployment = topology.deploy(ctx, directory);
        result.directory = kept ? deployment.journalledNodeDirectory().toString() : null;
        try
        {
            final LoadDriver.Outcome outcome;
            try (DemoProgress display = progress.apply(ctx.orders()))
            {
                outcome = new LoadDriver(ctx, display).run(deployment.host());
            }
            tally(result, outcome);
            collectStats(result, deployment.host(), deployment.addresses());
        }
        catch (final RuntimeException ex)
        {
            result.failures.add("the run stopped: " + ex);
        }
        finally
        {
            deployment.close();
        }
        try
        {
            final ReplayReport replay = deployment.replay();
            result.replayIdentical = replay.isIdentical();
            result.replayInputs = replay.inputs();
            result.replaySummary = replay.toString();
            result.check(replay.isIdentical(), "replay of the journalled node: " + replay);
        }
        catch (final RuntimeException ex)
        {
            result.replaySummary = "failed: " + ex;
            result.failures.add("the replay of the journalled node failed: " + ex);
        }
        return result;
    }

    private void tally(final LaneResult result, final LoadDriver.Outcome outcome)
    {
        final TradeFingerprint fingerprint = new TradeFingerprint();
        for (final OrderReport report : outcome.reports)
        {
            if (report == null)
            {
                result.failedRequests++;
                continue;
            }
            result.answered++;
            count(result, report);
            for (int i = 0; i < report.getFillsCount(); i++)
            {
                fingerprint.add(report.getFills(i));
                result.volume += report.getFills(i).getQuantity();
            }
            result.fills += report.getFillsCount();
        }
        result.hostFingerprint = fingerprint.value();
        final Histogram latency = outcome.latencyNs();
        result.latencyCount = latency.getTotalCount();
        result.p50Us = latency.getValueAtPercentile(50) / NS_PER_US;
        result.p99Us = latency.getValueAtPercentile(99) / NS_PER_US;
        result.p999Us = latency.getValueAtPercentile(99.9) / NS_PER_US;
        result.maxUs = latency.getMaxValue() / NS_PER_US;
        result.elapsedMs = TimeUnit.NANOSECONDS.toMillis(outcome.elapsedNs);
        result.ordersPerSecond = result.answered * 1e9 / Math.max(1, outcome.elapsedNs);
        result.check(outcome.failures() == 0 && result.failedRequests == 0, "lost requests: " +
            result.failedRequests + " of " + result.requests + " got no report (first: " + outcome.firstFailure() + ")");
    }

    private static void count(final LaneResult result, final OrderReport report)
    {
        final boolean cancel = report.getStatus() == OrderStatus.CANCELED ||
            report.getStatus() == OrderStatus.CANCEL_REJECTED;
        if (cancel)
        {
            result.cancels++;
        }
        switch (report.getStatus())
        {
            case RISK_REJECTED:
                result.riskRejects++;
                break;
            case REJECTED:
                result.exchangeRejects++;
                break;
            case CANCELED:
                result.canceled++;
                break;
            case CANCEL_REJECTED:
                result.cancelRejects++;
                break;
            default:
                result.accepted++;
                break;
        }
    }

    private void collectStats(final LaneResult result, final HostClient host, final DemoAddresses addresses)
    {
        final ExchangeStats exchange = ExchangeClient.to(addresses.exchange())
            .statsBlocking(host, Empty.getDefaultInstance(), ctx.callTimeoutMs());
        final SubscriberStats subscriber = awaitTape(host, addresses, exchange.getTrades());
        final MarketDataStats marketData = MarketDataClient.to(addresses.marketData())
            .statsBlocking(host, Empty.getDefaultInstance(), ctx.callTimeoutMs());
        result.exchangeFingerprint = exchange.getFingerprint();
        result.exchangeTrades = exchange.getTrades();
        result.tapeFingerprint = subscriber.getTapeFingerprint();
        result.tapeReceived = subscriber.getTapeReceived();
        result.tapeGaps = subscriber.getTapeGaps();
        result.quotesPublished = marketData.getQuotesPublished();
        result.quotesReceived = subscriber.getQuotesReceived();
        result.quotesOutOfOrder = subscriber.getQuotesOutOfOrder();
        result.crossedQuotes = subscriber.getCrossedQuotes();

        final long passedRisk = result.answered - result.riskRejects;
        result.check(exchange.getOutOfSequence() == 0,
            "the exchange saw " + exchange.getOutOfSequence() + " requests out of seq order");
        result.check(exchange.getOrders() + exchange.getCancels() == passedRisk || result.failedRequests > 0,
            "the exchange saw " + (exchange.getOrders() + exchange.getCancels()) + " requests, " + passedRisk +
            " passed risk");
        result.check(exchange.getTrades() == result.fills, "the exchange made " + exchange.getTrades() +
            " trades, the reports tell of " + result.fills);
        result.check(exchange.getFingerprint() == result.hostFingerprint, "fingerprint of the reports " +
            TradeFingerprint.hex(result.hostFingerprint) + " differs from the exchange's " + result.fingerprint());
        result.check(subscriber.getTapeReceived() == exchange.getTrades() && subscriber.getTapeGaps() == 0 &&
            subscriber.getMalformed() == 0, "trade tape incomplete: " + subscriber.getTapeReceived() + " of " +
            exchange.getTrades() + " trades, " + subscriber.getTapeGaps() + " gaps, " + subscriber.getMalformed() +
            " malformed (market data: " + marketData.getTradesPublished() + " published, " +
            marketData.getTapeWaiting() + " waiting)");
        result.check(subscriber.getTapeFingerprint() == exchange.getFingerprint(), "fingerprint of the tape " +
            TradeFingerprint.hex(subscriber.getTapeFingerprint()) + " differs from the exchange's");
        result.check(subscriber.getQuotesOutOfOrder() == 0 && subscriber.getCrossedQuotes() == 0 &&
            (exchange.getQuotes() == 0 || subscriber.getQuotesReceived() > 0), "quotes: " +
            subscriber.getQuotesReceived() + " received of " + exchange.getQuotes() + ", " +
            subscriber.getQuotesOutOfOrder() + " out of order, " + subscriber.getCrossedQuotes() + " crossed");
    }

    /**
     * Ask the subscriber (and market data, whose stats call also sends what waits) until the tape is complete or
     * the drain timeout passed.
     */
    private SubscriberStats awaitTape(final HostClient host, final DemoAddresses addresses, final long trades)
    {
        final SubscriberClient subscriber = SubscriberClient.to(Dest.workload(DemoIds.SUBSCRIBER));
        final MarketDataClient marketData = MarketDataClient.to(addresses.marketData());
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.drainTimeoutMs());
        while (true)
        {
            final SubscriberStats stats =
                subscriber.statsBlocking(host, Empty.getDefaultInstance(), ctx.callTimeoutMs());
            if (stats.getTapeReceived() >= trades || System.nanoTime() - deadlineNs > 0)
            {
                return stats;
            }
            marketData.statsBlocking(host, Empty.getDefaultInstance(), ctx.callTimeoutMs());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
