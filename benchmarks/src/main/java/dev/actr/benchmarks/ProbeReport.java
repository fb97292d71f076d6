package dev.actr.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probes (the mains beside the JMH classes) share: where results go, the quick profile, and a small JSON
 * writer for their reports (maps, lists, strings, numbers, booleans; insertion order kept).
 * <ul>
 *     <li>{@value #RESULTS_PROP}: the results directory (default {@code bench-results} in the working directory);
 *     created if missing.</li>
 *     <li>{@value #QUICK_PROP}: {@code true} for the quick profile (short phases; the figures are indicative
 *     only).</li>
 * </ul>
 */
final class ProbeReport
{
    /** System property naming the results directory. */
    static final String RESULTS_PROP = "actr.bench.results";
    /** System property selecting the quick profile. */
    static final String QUICK_PROP = "actr.bench.quick";

    private ProbeReport()
    {
    }

    /**
     * @return the results directory, created.
     */
    static Path resultsDirectory()
    {
        final Path directory = Path.of(System.getProperty(RESULTS_PROP, "bench-results"));
        try
        {
            return Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the results directory " + directory, ex);
        }
    }

    /**
     * @return true in the quick profile.
     */
    static boolean quick()
    {
        return Boolean.getBoolean(QUICK_PROP);
    }

    /**
     * @param name         a long system property.
     * @param quickDefault its default in the quick profile.
     * @param fullDefault  its default otherwise.
     * @return its value.
     */
    static long setting(final String name, final long quickDefault, final long fullDefault)
    {
        return Long.getLong(name, quick() ? quickDefault : fullDefault);
    }

    /**
     * @param probe the probe's name.
     * @return the report's header: probe, time, JVM, cores and profile.
     */
    static Map<String, Object> header(final String probe)
    {
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("probe", probe);
        report.put("time", Instant.now().toString());
        report.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("profile", quick() ? "quick" : "full");
        return report;
    }

    /**
     * @param histogram a latency histogram in ns.
     * @return count, mean and p50, p90, p99, p99.9, p99.99, max, in µs.
     */
    static Map<String, Object> percentilesUs(final Histogram histogram)
    {
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", histogram.getTotalCount());
        result.put("unit", "us");
        result.put("mean", micros(histogram.getMean()));
        result.put("p50", micros(histogram.getValueAtPercentile(50)));
        result.put("p90", micros(histogram.getValueAtPercentile(90)));
        result.put("p99", micros(histogram.getValueAtPercentile(99)));
        result.put("p99.9", micros(histogram.getValueAtPercentile(99.9)));
        result.put("p99.99", micros(histogram.getValueAtPercentile(99.99)));
        result.put("max", micros(histogram.getMaxValue()));
        return result;
    }

    /**
     * @param histogram a latency histogram in ns.
     * @return "p50 a / p99 b / max c µs".
     */
    static String summaryUs(final Histogram histogram)
    {
        return String.format("p50 %.1f / p99 %.1f / p99.9 %.1f / max %.1f µs (n=%d)",
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3, histogram.getTotalCount());
    }

    /**
     * @param nanos a duration in ns.
     * @return the same in µs, rounded to 0.001.
     */
    static double micros(final double nanos)
    {
        return Math.round(nanos) / 1e3;
    }

    /**
     * Write a report as JSON into the results directory.
     *
     * @param fileName the file's name.
     * @param report   the report.
     * @return the file.
     */
    static Path write(final String fileName, final Map<String, Object> report)
    {
        final Path file = resultsDirectory().resolve(fileName);
        final StringBuilder json = new StringBuilder();
        append(json, report, "");
        json.append('\n');
        try
        {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        return file;
    }

    private static void append(final StringBuilder json, final Object value, final String indent)
    {
        if (value instanceof Map)
        {
            final String inner = indent + "  ";
            json.append('{');
            String separator = "\n";
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                json.append(separator).append(inner);
                appendString(json, String.valueOf(entry.getKey()));
                json.append(": ");
                append(json, entry.getValue(), inner);
                separator = ",\n";
            }
            json.append('\n').append(indent).append('}');
        }
        else if (value instanceof List)
        {
            final String inner = indent + "  ";
            json.append('[');
            String separator = "\n";
            for (final Object element : (List<?>)value)
            {
                json.append(separator).append(inner);
                append(json, element, inner);
                separator = ",\n";
            }
            json.append('\n').append(indent).append(']');
        }
        else if (value instanceof Double || value instanceof Float)
        {
            final double number = ((Number)value).doubleValue();
            json.append(Double.isFinite(number) ? String.valueOf(number) : "null");
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            json.append(value);
        }
        else if (value == null)
        {
            json.append("null");
        }
        else
        {
            appendString(json, value.toString());
        }
    }

    private static void appendString(final StringBuilder json, final String text)
    {
        json.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                json.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                json.append(c);
            }
        }
        json.append('"');
    }
}
