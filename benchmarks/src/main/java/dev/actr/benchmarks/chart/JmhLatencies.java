package dev.actr.benchmarks.chart;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Latency cases from JMH's JSON output (an array of results): each result in {@code "mode": "sample"} gives one case
 * from its {@code primaryMetric.scorePercentiles} ("50.0", "99.0", "99.9"), converted from its {@code scoreUnit}
 * (ns/op, us/op, ms/op, s/op) to µs. Throughput and average-time results are not latencies and are left out. The
 * suite's classes get lane groups and readable labels; other classes are their own group, labelled by method. A
 * parameter whose value differs between results of the same method is added to the label
 * ({@code gRPC unary [serverExecutor=direct]}).
 */
final class JmhLatencies
{
    private static final String PACKAGE = "dev.actr.benchmarks.";
    private static final Map<String, String> GROUPS = Map.of(
        "CallRoundTripComparisonBenchmark", BenchResults.IN_PROCESS,
        "PingPongBaselineBenchmark", BenchResults.IN_PROCESS,
        "HostCallBenchmark", BenchResults.IN_PROCESS,
        "WebSocketCallBenchmark", BenchResults.WEBSOCKET,
        "WebRtcCallBenchmark", BenchResults.WEBRTC);
    private static final Map<String, String> LABELS = labels();

    private JmhLatencies()
    {
    }

    private static Map<String, String> labels()
    {
        final Map<String, String> labels = new HashMap<>();
        labels.put("CallRoundTripComparisonBenchmark.actrCallBlocking", "actr (default)");
        labels.put("CallRoundTripComparisonBenchmark.actrBusySpinCallBlocking", "actr (busy-spin)");
        labels.put("CallRoundTripComparisonBenchmark.actrDurableCallBlocking", "actr (durable)");
        labels.put("CallRoundTripComparisonBenchmark.actrCallBlockingRawEcho", "actr (raw echo)");
        labels.put("CallRoundTripComparisonBenchmark.pekkoAsk", "Pekko typed ask");
        labels.put("CallRoundTripComparisonBenchmark.baselineArrayBlockingQueue", "ArrayBlockingQueue ping-pong");
        labels.put("CallRoundTripComparisonBenchmark.baselineBusySpinVolatile", "busy-spin volatile ping-pong");
        labels.put("WebSocketCallBenchmark.actrWebSocketCall", "actr WebSocket");
        labels.put("WebSocketCallBenchmark.actrWebSocketDurableCall", "actr WebSocket (durable, journal)");
        labels.put("WebSocketCallBenchmark.nettyWebSocketEcho", "raw Netty WebSocket");
        labels.put("WebSocketCallBenchmark.grpcUnary", "gRPC unary");
        labels.put("WebRtcCallBenchmark.laneCallRoundTrip", "actr WebRTC");
        labels.put("WebRtcCallBenchmark.rawDataChannelPingPong", "raw DataChannel");
        return labels;
    }

    /**
     * @param root the parsed file.
     * @param file the file, for messages.
     * @return its latency cases, in file order.
     * @throws BenchResultsException when it is not JMH's shape.
     */
    static List<LatencyCase> cases(final JsonNode root, final Path file) throws BenchResultsException
    {
        if (!root.isArray())
        {
            throw damaged(file, "not a JSON array of JMH results");
        }
        final List<JsonNode> samples = new ArrayList<>();
        for (final JsonNode result : root)
        {
            if (!result.path("benchmark").isTextual() || !result.path("mode").isTextual())
            {
                throw damaged(file, "a result without \"benchmark\" and \"mode\"");
            }
            if ("sample".equals(result.get("mode").asText()))
            {
                samples.add(result);
            }
        }
        final Map<String, Set<String>> varying = varyingParams(samples);
        final List<LatencyCase> cases = new ArrayList<>();
        for (final JsonNode result : samples)
        {
            cases.add(latencyCase(result, varying, file));
        }
        return cases;
    }

    /**
     * @param root the parsed file.
     * @return "vmName jdkVersion" of the first result, or null.
     */
    static String jvm(final JsonNode root)
    {
        final JsonNode first = root.path(0);
        return first.path("jdkVersion").isTextual() ?
            (first.path("vmName").asText("") + " " + first.get("jdkVersion").asText()).trim() : null;
    }

    private static LatencyCase latencyCase(final JsonNode result, final Map<String, Set<String>> varying,
        final Path file) throws BenchResultsException
    {
        final String benchmark = result.get("benchmark").asText();
        final JsonNode metric = result.path("primaryMetric");
        final JsonNode percentiles = metric.path("scorePercentiles");
        final double scale = microsPer(metric.path("scoreUnit").asText(""), benchmark, file);
        final double p50 = percentile(percentiles, "50.0", benchmark, file) * scale;
        final double p99 = percentile(percentiles, "99.0", benchmark, file) * scale;
        final double p999 = percentile(percentiles, "99.9", benchmark, file) * scale;
        final String key = shortName(benchmark);
        final String className = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : key;
        final String group = GROUPS.getOrDefault(className, className);
        String label = LABELS.getOrDefault(key, key.substring(key.lastIndexOf('.') + 1));
        final StringBuilder params = new StringBuilder();
        for (final Map.Entry<String, JsonNode> param : result.path("params").properties())
        {
            if (varying.getOrDefault(benchmark, Set.of()).contains(param.getKey()))
            {
                params.append(params.length() == 0 ? " [" : ", ").append(param.getKey()).append('=')
                    .append(param.getValue().asText());
            }
        }
        if (params.length() > 0)
        {
            label = label + params + "]";
        }
        return new LatencyCase(group, label, p50, p99, p999);
    }

    private static Map<String, Set<String>> varyingParams(final List<JsonNode> samples)
    {
        final Map<String, Map<String, Set<String>>> values = new LinkedHashMap<>();
        for (final JsonNode result : samples)
        {
            final Map<String, Set<String>> byParam = values.computeIfAbsent(result.get("benchmark").asText(),
                benchmark -> new LinkedHashMap<>());
            for (final Map.Entry<String, JsonNode> param : result.path("params").properties())
            {
                byParam.computeIfAbsent(param.getKey(), name -> new HashSet<>()).add(param.getValue().asText());
            }
        }
        final Map<String, Set<String>> varying = new HashMap<>();
        values.forEach((benchmark, byParam) -> byParam.forEach((param, seen) ->
        {
            if (seen.size() > 1)
            {
                varying.computeIfAbsent(benchmark, name -> new HashSet<>()).add(param);
            }
        }));
        return varying;
    }

    private static String shortName(final String benchmark)
    {
        return benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) :
            benchmark.substring(Math.max(0, benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
    }

    private static double percentile(final JsonNode percentiles, final String key, final String benchmark,
        final Path file) throws BenchResultsException
    {
        final JsonNode value = percentiles.path(key);
        if (!value.isNumber())
        {
            throw damaged(file, benchmark + " has no scorePercentiles \"" + key + "\"");
        }
        return value.asDouble();
    }

    private static double microsPer(final String unit, final String benchmark, final Path file)
        throws BenchResultsException
    {
        switch (unit)
        {
            case "ns/op":
                return 1e-3;
            case "us/op":
                return 1;
            case "ms/op":
                return 1e3;
            case "s/op":
                return 1e6;
            default:
                throw damaged(file, benchmark + " has scoreUnit \"" + unit + "\", not a time per operation");
        }
    }

    static BenchResultsException damaged(final Path file, final String what)
    {
        return new BenchResultsException("damaged results in " + file + ": " + what);
    }
}
