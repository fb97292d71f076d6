package dev.actr.benchmarks.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The chart of a real quick run's results (src/test/resources/chart/quick-run: jmh.json of a short JMH run of
 * CallRoundTripComparisonBenchmark, TellThroughputComparisonBenchmark.pekkoTell and WebSocketCallBenchmark with
 * -prof gc, its rawDataHistogram arrays cut to four buckets to keep the file small; open-loop.json of an
 * OpenLoopLatencyProbe run, modes journal and ws-journal at 2k and 10k/s, on a loaded machine).
 */
class BenchChartTest
{
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void headless()
    {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void shouldReadEverySampleTimeCaseAndOpenLoopRunGroupedByLaneAndLeaveThroughputOut() throws Exception
    {
        final BenchResults results = BenchResults.read(fixture());

        assertThat(results.groups().keySet()).containsExactly(BenchResults.IN_PROCESS, BenchResults.WEBSOCKET,
            BenchResults.OPEN_LOOP);
        assertThat(results.cases()).extracting(LatencyCase::group, LatencyCase::label, LatencyCase::p50Us,
            LatencyCase::p99Us, LatencyCase::p999Us).containsExactly(
            tuple(BenchResults.IN_PROCESS, "actr (default)", 54.592, 2035.1795199999958, 7821.017088000916),
            tuple(BenchResults.IN_PROCESS, "ArrayBlockingQueue ping-pong", 7.488, 66.87872000000021,
                1941.0698239999415),
            tuple(BenchResults.IN_PROCESS, "Pekko typed ask", 17.024, 1948.0166400000305, 6383.681536000341),
            tuple(BenchResults.WEBSOCKET, "gRPC unary [serverExecutor=default]", 9846.784, 42401.792, 42401.792),
            tuple(BenchResults.WEBSOCKET, "gRPC unary [serverExecutor=direct]", 4001.792, 23887.871999999967,
                27328.512),
            tuple(BenchResults.WEBSOCKET, "raw Netty WebSocket", 411.39200000000005, 3825.29536000001,
                22878.027776002305),
            tuple(BenchResults.OPEN_LOOP, "in-process, journal @ 2k/s", 312.575, 136445.951, 151257.087),
            tuple(BenchResults.OPEN_LOOP, "in-process, journal @ 10k/s", 206307.327, 965738.495, 985661.439),
            tuple(BenchResults.OPEN_LOOP, "WebSocket, journal @ 2k/s", 1802.239, 190447.615, 217448.447),
            tuple(BenchResults.OPEN_LOOP, "WebSocket, journal @ 10k/s (saturated)", 14417.919, 889716.735,
                912261.119));
        assertThat(results.subtitle()).isEqualTo("quick profile · 2026-11-28T11:38:41Z · commit ea7a44f329 · " +
            "cores: 2; load average: 7.90 8.08 7.00 · OpenJDK 64-Bit Server VM 17.0.15");
    }

    @Test
    void shouldDrawOneSubplotPerLaneWithTheThreePercentilesOfEveryCase() throws Exception
    {
        final BenchResults results = BenchResults.read(fixture());

        final JFreeChart chart = BenchChart.create(results);

        final List<?> subplots = ((CombinedRangeCategoryPlot)chart.getPlot()).getSubplots();
        final List<String> groups = new ArrayList<>();
        final List<Object> drawn = new ArrayList<>();
        for (final Object plot : subplots)
        {
            final CategoryPlot subplot = (CategoryPlot)plot;
            groups.add(subplot.getDomainAxis().getLabel());
            final CategoryDataset dataset = subplot.getDataset();
            final List<Object> rows = new ArrayList<>();
            for (int row = 0; row < dataset.getRowCount(); row++)
            {
                rows.add(dataset.getRowKey(row));
            }
            assertThat(rows).containsExactlyElementsOf(BenchChart.SERIES);
            for (int column = 0; column < dataset.getColumnCount(); column++)
            {
                final Object label = dataset.getColumnKey(column);
                drawn.add(tuple(subplot.getDomainAxis().getLabel(), label,
                    dataset.getValue("p50", (String)label).doubleValue(),
                    dataset.getValue("p99", (String)label).doubleValue(),
                    dataset.getValue("p99.9", (String)label).doubleValue()));
            }
        }
        assertThat(groups).containsExactlyElementsOf(results.groups().keySet());
        assertThat(drawn).containsExactlyElementsOf(results.cases().stream().map(latency -> tuple(latency.group(),
            latency.label(), latency.p50Us(), latency.p99Us(), latency.p999Us())).toList());
        assertThat(chart.getPlot().getLegendItems().getItemCount()).as("one legend entry per percentile").isEqualTo(3);
    }

    @Test
    void shouldWriteAPngOfTheChartsSizeWhereAskedAndSaySo() throws Exception
    {
        final Path png = temp.resolve("latency.png");

        final int status = run(fixture().toString(), "--out", png.toString());

        assertThat(status).as(err()).isEqualTo(BenchChartMain.EXIT_OK);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).as("160 px of titles, 40 per case (10), 30 per lane group (3)").isEqualTo(650);
        assertThat(out()).isEqualTo("chart: wrote " + png + " (1400 x 650 px; in-process: 3, WebSocket: 3, " +
            "open loop: 4 cases)" + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldWriteChartPngIntoTheResultsDirectoryByDefault() throws Exception
    {
        final Path results = copyOfFixture(temp.resolve("run"));

        assertThat(run(results.toString())).as(err()).isEqualTo(BenchChartMain.EXIT_OK);

        assertThat(ImageIO.read(results.resolve(BenchChartMain.CHART_FILE).toFile()).getHeight()).isEqualTo(650);
    }

    @Test
    void shouldPickTheNewestRunUnderTheResultsRoot() throws Exception
    {
        final Path older = copyOfFixture(temp.resolve("b-older"));
        final Path newer = copyOfFixture(temp.resolve("a-newer"));
        Files.setLastModifiedTime(older.resolve(BenchResults.ENVIRONMENT_FILE), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer.resolve(BenchResults.ENVIRONMENT_FILE), FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(older, FileTime.fromMillis(3_000_000)); // a chart drawn later into the older run

        assertThat(BenchChartMain.newest(temp)).isEqualTo(newer);
    }

    @Test
    void shouldFailWithOneLineForAMissingDirectory()
    {
        final Path missing = temp.resolve("missing");

        assertThat(run(missing.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("chart: no results directory at " + missing + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void shouldStartItsLinesWithTheNameItWasGiven()
    {
        final Path missing = temp.resolve("missing");
        System.setProperty(BenchChartMain.NAME_PROP, "actr bench --chart");
        try
        {
            assertThat(run(missing.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);
        }
        finally
        {
            System.clearProperty(BenchChartMain.NAME_PROP);
        }

        assertThat(err()).isEqualTo("actr bench --chart: no results directory at " + missing + System.lineSeparator());
    }

    @Test
    void shouldFailWithOneLineWhenNoRunWasSavedUnderTheResultsRoot() throws Exception
    {
        final Path root = Files.createDirectories(temp.resolve("bench-results"));

        final BenchResultsException thrown = org.junit.jupiter.api.Assertions.assertThrows(
            BenchResultsException.class, () -> BenchChartMain.newest(root));

        assertThat(thrown.getMessage()).isEqualTo("no results directory under " + root + " (run the suite first: " +
            "benchmarks/bench --quick or ./actr bench --quick; or name a results directory)");
    }

    @Test
    void shouldFailWithOneLineForADirectoryWithoutResults() throws Exception
    {
        final Path empty = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(empty.resolve(BenchResults.ENVIRONMENT_FILE), "profile: quick\n");

        assertThat(run(empty.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("chart: no results in " + empty + " (neither jmh.json nor open-loop.json)" +
            System.lineSeparator());
        assertThat(empty.resolve(BenchChartMain.CHART_FILE)).doesNotExist();
    }

    @Test
    void shouldFailWithOneLineForDamagedJsonAndWriteNoChart() throws Exception
    {
        final Path results = copyOfFixture(temp.resolve("damaged"));
        final Path jmh = results.resolve(BenchResults.JMH_FILE);
        final String text = Files.readString(jmh);
        Files.writeString(jmh, text.substring(0, text.length() / 2));

        assertThat(run(results.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err()).startsWith("chart: damaged JSON in " + jmh + ": Unexpected end-of-input")
            .endsWith(")" + System.lineSeparator());
        assertThat(err().lines()).hasSize(1);
        assertThat(results.resolve(BenchChartMain.CHART_FILE)).doesNotExist();
    }

    @Test
    void shouldFailWithOneLineForJsonThatIsNotJmhsOrTheProbesShape() throws Exception
    {
        final Path notJmh = Files.createDirectories(temp.resolve("not-jmh"));
        Files.writeString(notJmh.resolve(BenchResults.JMH_FILE), "{\"benchmark\": \"x\"}");
        final Path noPercentiles = Files.createDirectories(temp.resolve("no-percentiles"));
        Files.writeString(noPercentiles.resolve(BenchResults.JMH_FILE), "[{\"benchmark\": \"a.B.c\", \"mode\": " +
            "\"sample\", \"primaryMetric\": {\"scoreUnit\": \"us/op\", \"scorePercentiles\": {\"50.0\": 1.0}}}]");
        final Path noRuns = Files.createDirectories(temp.resolve("no-runs"));
        Files.writeString(noRuns.resolve(BenchResults.OPEN_LOOP_FILE), "{\"probe\": \"OpenLoopLatencyProbe\"}");

        assertThat(run(notJmh.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);
        assertThat(run(noPercentiles.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);
        assertThat(run(noRuns.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err().lines()).containsExactly(
            "chart: damaged results in " + notJmh.resolve("jmh.json") + ": not a JSON array of JMH results",
            "chart: damaged results in " + noPercentiles.resolve("jmh.json") + ": a.B.c has no scorePercentiles " +
                "\"99.0\"",
            "chart: damaged results in " + noRuns.resolve("open-loop.json") + ": no \"runs\" array");
    }

    @Test
    void shouldFailWithOneLineWhenTheResultsHoldNoLatency() throws Exception
    {
        final Path throughputOnly = Files.createDirectories(temp.resolve("throughput"));
        Files.writeString(throughputOnly.resolve(BenchResults.JMH_FILE), "[{\"benchmark\": \"a.B.c\", \"mode\": " +
            "\"thrpt\", \"primaryMetric\": {\"score\": 5.0, \"scoreUnit\": \"ops/s\"}}]");

        assertThat(run(throughputOnly.toString())).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("chart: no latency results in " + throughputOnly + " (no SampleTime case in " +
            "jmh.json, no run in open-loop.json)" + System.lineSeparator());
    }

    @Test
    void shouldRefuseUnknownArguments()
    {
        assertThat(run("--width", "10")).isEqualTo(BenchChartMain.EXIT_USAGE);

        assertThat(err()).isEqualTo("chart: unexpected argument --width; usage: BenchChartMain [RESULTS_DIR] " +
            "[--out FILE.png]" + System.lineSeparator());
    }

    private int run(final String... args)
    {
        return BenchChartMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path fixture() throws URISyntaxException
    {
        return Path.of(BenchChartTest.class.getResource("/chart/quick-run").toURI());
    }

    private static Path copyOfFixture(final Path target) throws IOException, URISyntaxException
    {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(fixture()))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}
