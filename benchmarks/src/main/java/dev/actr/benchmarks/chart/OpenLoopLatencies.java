package dev.actr.benchmarks.chart;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency cases from {@code OpenLoopLatencyProbe}'s report: one per run (mode, rate), from its
 * {@code latencyFromIntendedSend} percentiles (µs, coordinated-omission corrected), labelled
 * {@code "WebSocket, journal @ 10k/s"}; a run that could not keep up ({@code "saturated": true}) says so in its label.
 */
final class OpenLoopLatencies
{
    private static final Map<String, String> MODES = Map.of(
        "journal", "in-process, journal",
        "memory", "in-process, memory",
        "ws-journal", "WebSocket, journal",
        "ws-memory", "WebSocket, memory");

    private OpenLoopLatencies()
    {
    }

    /**
     * @param root the parsed report.
     * @param file the file, for messages.
     * @return one case per run, in file order.
     * @throws BenchResultsException when it is not the probe's shape.
     */
    static List<LatencyCase> cases(final JsonNode root, final Path file) throws BenchResultsException
    {
        final JsonNode runs = root.path("runs");
        if (!runs.isArray())
        {
            throw JmhLatencies.damaged(file, "no \"runs\" array");
        }
        final List<LatencyCase> cases = new ArrayList<>();
        for (final JsonNode run : runs)
        {
            final String mode = run.path("mode").asText("");
            final JsonNode rate = run.path("targetRatePerSec");
            final JsonNode latency = run.path("latencyFromIntendedSend");
            if (mode.isEmpty() || !rate.isNumber() || !"us".equals(latency.path("unit").asText()))
            {
                throw JmhLatencies.damaged(file, "a run without \"mode\", \"targetRatePerSec\" and " +
                    "\"latencyFromIntendedSend\" in us");
            }
            if (latency.path("count").asLong() == 0)
            {
                continue; // nothing completed in the window: no percentile to draw (the report says why)
            }
            final String label = MODES.getOrDefault(mode, mode) + " @ " + rate(rate.asLong()) +
                (run.path("saturated").asBoolean(false) ? " (saturated)" : "");
            cases.add(new LatencyCase(BenchResults.OPEN_LOOP, label, number(latency, "p50", file),
                number(latency, "p99", file), number(latency, "p99.9", file)));
        }
        return cases;
    }

    private static String rate(final long perSecond)
    {
        return perSecond % 1000 == 0 ? perSecond / 1000 + "k/s" : perSecond + "/s";
    }

    private static double number(final JsonNode latency, final String key, final Path file)
        throws BenchResultsException
    {
        final JsonNode value = latency.path(key);
        if (!value.isNumber())
        {
            throw JmhLatencies.damaged(file, "a run's latencyFromIntendedSend has no \"" + key + "\"");
        }
        return value.asDouble();
    }
}
