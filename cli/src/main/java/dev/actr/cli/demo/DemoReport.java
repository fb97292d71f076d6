package dev.actr.cli.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints a demo's results: a table per lane run, the checks, and — when the folders are kept — the
 * {@code actr journal} commands to explore them; or the same as one JSON document.
 */
final class DemoReport
{
    private static final String ROW = "%-11s %8s %8s %8s %9s %9s %9s %9s %10s  %s%n";

    private DemoReport()
    {
    }

    static void printHeader(final DemoContext ctx, final PrintStream out)
    {
        out.printf(Locale.ROOT, "actr demo: %,d requests per lane, %s, seed %d, lanes %s%n", ctx.orders(),
            mode(ctx), ctx.seed(), lanesOf(ctx));
        ctx.notes().forEach(note -> out.println("note: " + note));
    }

    static void printTable(final DemoContext ctx, final DemoResult result, final PrintStream out)
    {
        out.println();
        out.printf(Locale.ROOT, ROW, "lane", "orders", "fills", "rejects", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
            "orders/s", "replay");
        for (final LaneResult lane : result.lanes())
        {
            out.printf(Locale.ROOT, ROW, lane.lane(), count(lane.requests()), count(lane.fills()),
                count(lane.rejects()), micros(lane.p50Us()), micros(lane.p99Us()), micros(lane.p999Us()),
                micros(lane.maxUs()), count(Math.round(lane.ordersPerSecond())),
                lane.replayIdentical() ? "identical (" + count(lane.replayInputs) + " inputs)" : "DIFFERENT");
        }
        out.println();
        for (final LaneResult lane : result.lanes())
        {
            out.printf(Locale.ROOT, "%-11s fills fingerprint %s (exchange, reports and tape agree: %s); tape %s of %s " +
                "trades; quotes %s of %s (latency-first)%n", lane.lane(), lane.fingerprint(),
                lane.exchangeFingerprint == lane.hostFingerprint && lane.exchangeFingerprint == lane.tapeFingerprint ?
                "yes" : "NO", count(lane.tapeReceived), count(lane.exchangeTrades), count(lane.quotesReceived),
                count(lane.quotesPublished));
        }
        out.println();
        if (result.passed())
        {
            out.println("PASSED: no request lost, requests reached the exchange in seed order, the same fills " +
                "on every lane, streams complete and in order, replays identical.");
        }
        else
        {
            out.println("FAILED:");
            result.failures().forEach(failure -> out.println("  - " + failure));
        }
        if (ctx.keep())
        {
            printJournalCommands(result, out);
        }
    }

    private static void printJournalCommands(final DemoResult result, final PrintStream out)
    {
        out.println();
        out.println("Kept the journalled nodes' folders; explore them with:");
        for (final LaneResult lane : result.lanes())
        {
            if (lane.directory() != null)
            {
                out.println("  ./actr journal stats " + lane.directory() + "/journal");
                out.println("  ./actr journal dump " + lane.directory() + "/journal --route " +
                    "actr.demo.trading.v1.Exchange.Place | head");
                out.println("  ./actr journal effects " + lane.directory());
            }
        }
    }

    static String json(final DemoContext ctx, final List<LaneResult> lanes, final List<String> failures)
    {
        final JsonWriter json = new JsonWriter();
        json.beginObject()
            .field("seed", ctx.seed())
            .field("orders", ctx.orders())
            .field("mode", ctx.ratePerSecond() > 0 ? "open-loop" : "closed-loop")
            .field("outstanding", ctx.outstanding())
            .field("ratePerSecond", ctx.ratePerSecond())
            .field("warmupOrders", ctx.warmupOrders())
            .field("passed", failures.isEmpty())
            .strings("failures", failures)
            .strings("notes", ctx.notes())
            .key("lanes").beginArray();
        for (final LaneResult lane : lanes)
        {
            lane(json, lane);
        }
        return json.endArray().endObject().toString();
    }

    private static void lane(final JsonWriter json, final LaneResult lane)
    {
        json.beginObject()
            .field("lane", lane.lane())
            .field("passed", lane.passed())
            .strings("failures", lane.failures())
            .field("orders", lane.requests())
            .field("answered", lane.answered)
            .field("accepted", lane.accepted)
            .field("cancels", lane.cancels)
            .field("fills", lane.fills())
            .field("volume", lane.volume)
            .field("rejects", lane.rejects())
            .field("riskRejects", lane.riskRejects)
            .field("exchangeRejects", lane.exchangeRejects)
            .field("canceled", lane.canceled)
            .field("cancelRejects", lane.cancelRejects)
            .field("failedRequests", lane.failedRequests())
            .key("latencyUs").beginObject()
            .field("count", lane.latencyCount)
            .field("p50", lane.p50Us())
            .field("p99", lane.p99Us())
            .field("p999", lane.p999Us())
            .field("max", lane.maxUs())
            .endObject()
            .field("ordersPerSecond", lane.ordersPerSecond())
            .field("elapsedMs", lane.elapsedMs)
            .field("fingerprint", lane.fingerprint())
            .field("reportsFingerprint", TradeFingerprint.hex(lane.hostFingerprint))
            .field("tapeFingerprint", TradeFingerprint.hex(lane.tapeFingerprint))
            .key("tape").beginObject()
            .field("trades", lane.exchangeTrades)
            .field("received", lane.tapeReceived)
            .field("gaps", lane.tapeGaps)
            .endObject()
            .key("quotes").beginObject()
            .field("published", lane.quotesPublished)
            .field("received", lane.quotesReceived)
            .field("outOfOrder", lane.quotesOutOfOrder)
            .field("crossed", lane.crossedQuotes)
            .endObject()
            .key("replay").beginObject()
            .field("identical", lane.replayIdentical())
            .field("inputs", lane.replayInputs)
            .field("report", lane.replaySummary())
            .endObject()
            .field("directory", lane.directory())
            .endObject();
    }

    private static String mode(final DemoContext ctx)
    {
        return ctx.ratePerSecond() > 0 ? String.format(Locale.ROOT, "open loop at %,d/s", ctx.ratePerSecond()) :
            "closed loop, " + ctx.outstanding() + " in flight";
    }

    private static String lanesOf(final DemoContext ctx)
    {
        final StringBuilder names = new StringBuilder();
        for (final DemoTopology topology : ctx.topologies())
        {
            names.append(names.length() == 0 ? "" : ", ").append(topology.name());
        }
        return names.toString();
    }

    private static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String micros(final double value)
    {
        return String.format(Locale.ROOT, "%,.1f", value);
    }
}
