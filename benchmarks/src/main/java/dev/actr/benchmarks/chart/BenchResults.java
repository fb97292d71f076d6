package dev.actr.benchmarks.chart;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency results of one suite run, read from its directory: {@value #JMH_FILE} (every SampleTime case's
 * {@code scorePercentiles}; {@link JmhLatencies}) and {@value #OPEN_LOOP_FILE} (each run's latency from intended send
 * time; {@link OpenLoopLatencies}), either or both; {@value #ENVIRONMENT_FILE} for the chart's subtitle when present.
 * Cases come grouped by lane, in {@link #GROUP_ORDER}, in file order within a group.
 */
final class BenchResults
{
    /** JMH's JSON output. */
    public static final String JMH_FILE = "jmh.json";
    /** The open-loop probe's report. */
    public static final String OPEN_LOOP_FILE = "open-loop.json";
    /** What the suite wrote about the machine and the run. */
    public static final String ENVIRONMENT_FILE = "environment.txt";

    /** Host thread to actor on one node, and its peers in the same process. */
    public static final String IN_PROCESS = "in-process";
    /** Two nodes over the WebSocket lane on loopback, and the RPC peers. */
    public static final String WEBSOCKET = "WebSocket";
    /** Two nodes over the WebRTC DataChannel lane, and a raw DataChannel. */
    public static final String WEBRTC = "WebRTC";
    /** Open loop at fixed rates (latency from each call's intended send time). */
    public static final String OPEN_LOOP = "open loop";
    /** The groups in drawing order; a group of a benchmark class not named here follows them. */
    public static final List<String> GROUP_ORDER = List.of(IN_PROCESS, WEBSOCKET, WEBRTC, OPEN_LOOP);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, List<LatencyCase>> groups;
    private final String subtitle;

    private BenchResults(final Path directory, final Map<String, List<LatencyCase>> groups, final String subtitle)
    {
        this.directory = directory;
        this.groups = groups;
        this.subtitle = subtitle;
    }

    /**
     * @param directory a results directory of {@code benchmarks/bench --quick|--suite}.
     * @return its latency cases.
     * @throws BenchResultsException when it is missing, holds neither file or no latency case, or a file is damaged.
     */
    public static BenchResults read(final Path directory) throws BenchResultsException
    {
        if (!Files.isDirectory(directory))
        {
            throw new BenchResultsException("no results directory at " + directory);
        }
        final Path jmh = directory.resolve(JMH_FILE);
        final Path openLoop = directory.resolve(OPEN_LOOP_FILE);
        if (!Files.isRegularFile(jmh) && !Files.isRegularFile(openLoop))
        {
            throw new BenchResultsException("no results in " + directory + " (neither " + JMH_FILE + " nor " +
                OPEN_LOOP_FILE + ")");
        }
        final List<LatencyCase> cases = new ArrayList<>();
        String jvm = null;
        if (Files.isRegularFile(jmh))
        {
            final JsonNode root = parse(jmh);
            cases.addAll(JmhLatencies.cases(root, jmh));
            jvm = JmhLatencies.jvm(root);
        }
        if (Files.isRegularFile(openLoop))
        {
            cases.addAll(OpenLoopLatencies.cases(parse(openLoop), openLoop));
        }
        if (cases.isEmpty())
        {
            throw new BenchResultsException("no latency results in " + directory + " (no SampleTime case in " +
                JMH_FILE + ", no run in " + OPEN_LOOP_FILE + ")");
        }
        return new BenchResults(directory, grouped(cases), subtitle(directory.resolve(ENVIRONMENT_FILE), jvm));
    }

    /**
     * @return the directory read.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the cases by group, groups in drawing order; unmodifiable.
     */
    public Map<String, List<LatencyCase>> groups()
    {
        return groups;
    }

    /**
     * @return every case, in drawing order.
     */
    public List<LatencyCase> cases()
    {
        final List<LatencyCase> all = new ArrayList<>();
        groups.values().forEach(all::addAll);
        return all;
    }

    /**
     * @return profile, start time, commit, cores, load and JVM of the run, as far as they are known.
     */
    public String subtitle()
    {
        return subtitle;
    }

    static JsonNode parse(final Path file) throws BenchResultsException
    {
        try
        {
            return JSON.readTree(file.toFile());
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation at = ex.getLocation();
            throw new BenchResultsException("damaged JSON in " + file + ": " + firstLine(ex.getOriginalMessage()) +
                (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        catch (final IOException ex)
        {
            throw new BenchResultsException("cannot read " + file + ": " + ex.getMessage());
        }
    }

    static String firstLine(final String text)
    {
        final String line = String.valueOf(text).lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private static Map<String, List<LatencyCase>> grouped(final List<LatencyCase> cases)
    {
        final Map<String, List<LatencyCase>> groups = new LinkedHashMap<>();
        for (final String group : GROUP_ORDER)
        {
            groups.put(group, new ArrayList<>());
        }
        for (final LatencyCase latency : cases)
        {
            groups.computeIfAbsent(latency.group(), group -> new ArrayList<>()).add(latency);
        }
        groups.values().removeIf(List::isEmpty);
        groups.replaceAll((group, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(groups);
    }

    private static String subtitle(final Path environment, final String jvm)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        if (Files.isRegularFile(environment))
        {
            try
            {
                for (final String line : Files.readAllLines(environment, StandardCharsets.UTF_8))
                {
                    final int colon = line.indexOf(": ");
                    if (colon > 0)
                    {
                        fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
                    }
                }
            }
            catch (final IOException ex)
            {
                fields.clear(); // the subtitle is a courtesy: a chart without it is still right
            }
        }
        final List<String> parts = new ArrayList<>();
        add(parts, fields.get("profile"), " profile");
        add(parts, fields.get("started"), "");
        final String commit = fields.get("commit");
        add(parts, commit == null ? null : "commit " + commit.substring(0, Math.min(10, commit.length())), "");
        final String cores = fields.get("cores");
        add(parts, cores == null ? null : "cores: " + cores, "");
        add(parts, jvm, "");
        return String.join(" · ", parts);
    }

    private static void add(final List<String> parts, final String value, final String suffix)
    {
        if (value != null && !value.isEmpty())
        {
            parts.add(value + suffix);
        }
    }
}
